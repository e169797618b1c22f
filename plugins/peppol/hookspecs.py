"""Hooks the peppol plugin offers to other plugins (docstring-only, like core/hookspecs.py)."""

import pluggy

hookspec = pluggy.HookspecMarker("ledgerline")


@hookspec
def peppol_providers():
    """Return a list of provider adapter classes (subclasses of
    ``plugins.peppol.public.Provider``), each with a unique ``type`` name (``"mock"``,
    ``"tradeshift"``).

    A company's provider account of that ``type`` is served by the class: it is built with
    ``cls(account)`` where ``account`` is a ``plugins.peppol.public.AccountConfig`` (name,
    base URL, decrypted credentials, settings, timeout) and must implement ``send``,
    ``status``, ``fetch_inbox``, ``acknowledge``, ``lookup`` and ``health``.
    """
