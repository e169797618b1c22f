"""Hooks the invoicing plugin offers to other plugins (docstring-only, like core/hookspecs.py)."""

import pluggy

hookspec = pluggy.HookspecMarker("ledgerline")


@hookspec
def invoicing_xml_profiles():
    """Deprecated alias of ``einvoice_xml_profiles`` (the XML formats moved to the einvoice
    plugin); answers are merged with it. Return a list of ``plugins.einvoice.public.Profile``.
    """
