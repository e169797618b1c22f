"""CPU-heavy calls off the event loop when the process runs on gevent.

Under ``gunicorn -k gevent`` every request and socket of the process shares one OS thread: a
half-second Argon2 hash would stall them all (and keep their database connections checked out
meanwhile). Such calls go to gevent's pool of real threads instead; the C code releases the
GIL, so the process keeps serving. Elsewhere (threads, the CLI, tests) they run in place.
"""

from __future__ import annotations

import sys


def _gevent_patched() -> bool:
    monkey = sys.modules.get("gevent.monkey")
    return monkey is not None and monkey.is_module_patched("threading")


def off_loop(fn, *args):
    """``fn(*args)``, in gevent's thread pool when threading is monkey-patched."""
    if not _gevent_patched():
        return fn(*args)
    import gevent

    return gevent.get_hub().threadpool.apply(fn, args)
