"""Facts decorators attach to API views, read back by the guard and the OpenAPI generator.

Decorators use ``functools.wraps``, which copies ``__dict__``: every layer of a view shares
one metadata dict, whichever order the decorators are stacked in.
"""

from __future__ import annotations

ATTR = "ledgerline_api"


def meta(view) -> dict:
    """The metadata dict of ``view`` (created on first use)."""
    return view.__dict__.setdefault(ATTR, {})


def meta_of(view) -> dict:
    """Read-only look-up: ``{}`` for views no decorator touched."""
    return getattr(view, ATTR, {}) or {}
