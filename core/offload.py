"""CPU-heavy calls off the event loop when the process runs on gevent.

Under ``gunicorn -k gevent`` every request and socket of the process shares one OS thread: a
half-second Argon2 hash or a 60 ms official-rule validation (Saxon) would stall them all (and
keep their database connections checked out meanwhile). Such calls go to gevent's pool of real
threads instead; their C code releases the GIL, so the process keeps serving. Elsewhere
(threads, the CLI, tests) they run in place.

The call runs in a copy of the caller's context (Flask's ``current_app``, ``g`` and locale
read as in the request), while the calling greenlet waits. It must not use the database: the
request's session and connection belong to the event loop's thread. A call made from inside an
offloaded call runs in place.
"""

from __future__ import annotations

import contextlib
import contextvars
import sys

_off_loop = contextvars.ContextVar("ledgerline_off_loop", default=False)


def _gevent_patched() -> bool:
    monkey = sys.modules.get("gevent.monkey")
    return monkey is not None and monkey.is_module_patched("threading")


def _marked(fn, args):
    _off_loop.set(True)
    return fn(*args)


@contextlib.contextmanager
def in_place():
    """Within the block ``off_loop`` calls run in place, on the event loop (a benchmark's
    baseline: how long the loop stalled before)."""
    token = _off_loop.set(True)
    try:
        yield
    finally:
        _off_loop.reset(token)


def off_loop(fn, *args):
    """``fn(*args)``, in gevent's thread pool when threading is monkey-patched."""
    if _off_loop.get() or not _gevent_patched():
        return fn(*args)
    import gevent

    context = contextvars.copy_context()
    return gevent.get_hub().threadpool.apply(context.run, (_marked, fn, args))
