"""Hooks the einvoice plugin offers to other plugins (docstring-only, like core/hookspecs.py)."""

import pluggy

hookspec = pluggy.HookspecMarker("ledgerline")


@hookspec
def einvoice_xml_profiles():
    """Return a list of XML profiles this plugin adds to document downloads and sending.

    Each item is a ``plugins.einvoice.public.Profile(name, label, build)``: ``name`` is the
    ``?profile=`` value (e.g. ``"xrechnung"``), ``label`` is shown to people, and
    ``build(document)`` takes a ``plugins.einvoice.public.Document`` and returns the UTF-8 XML
    bytes (raising ``plugins.einvoice.public.ProfileError`` with a readable message when the
    document lacks something the profile needs). The einvoice plugin registers its built-in
    ``peppol`` and ``pint-ae`` profiles through this same hook; names must be unique, so pick
    one of your own. Profiles whose name is also in ``plugins.einvoice.public.PROFILES`` are
    checked with the official rules before a document is sealed.
    """
