"""Hooks the payments plugin offers to other plugins (docstring-only, like core/hookspecs.py)."""

import pluggy

hookspec = pluggy.HookspecMarker("ledgerline")


@hookspec
def payments_methods():
    """Return a list of extra payment method codes (e.g. ``["crypto", "bnpl"]``).

    Codes are lower-case ``[a-z0-9_]``, at most 32 characters; they are accepted as
    ``method`` when recording a payment, next to the built-in ``bank_transfer``, ``card``,
    ``cash``, ``cheque``, ``wallet`` and ``other``.
    """
