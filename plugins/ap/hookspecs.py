"""Hooks the AP plugin offers to other plugins (docstring-only, like core/hookspecs.py)."""

import pluggy

hookspec = pluggy.HookspecMarker("ledgerline")


@hookspec
def ap_matching_rules(bill, match):
    """Return a list of reasons (str) why ``bill`` must not count as matched, or ``[]``.

    Called at the end of every match run with the bill (``plugins.ap.models.Bill``) and the
    match as the API shows it (``match["lines"]``, ``match["total_variance"]`` ...). Any
    reason makes the bill ``PARTIAL_MATCH``; the reasons are listed in ``match["rules"]`` and
    on the review page, so approving it then needs ``ap.override`` and a written reason.
    """
