"""Hooks the invoicing plugin offers to other plugins (docstring-only, like core/hookspecs.py)."""

import pluggy

hookspec = pluggy.HookspecMarker("ledgerline")


@hookspec
def invoicing_xml_profiles():
    """Return a list of XML profiles this plugin adds to invoice downloads and sending.

    Each item is a ``plugins.invoicing.ubl.Profile(name, label, build)``: ``name`` is the
    ``?profile=`` value (e.g. ``"xrechnung"``), ``label`` is shown to people, and
    ``build(document)`` takes a ``plugins.invoicing.documents.Document`` and returns the UTF-8
    XML bytes (raising ``plugins.invoicing.ubl.ProfileError`` with a readable message when the
    document lacks something the profile needs). The invoicing plugin registers its built-in
    ``peppol`` and ``pint-ae`` profiles through this same hook; names must be unique, so pick
    one of your own.
    """
