"""What an XML profile is, for the ``einvoice_xml_profiles`` hook."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    name: str  # the ?profile= value, e.g. "peppol"
    label: str  # shown to people, e.g. "Peppol BIS Billing 3.0"
    build: Callable[..., bytes]  # build(document: documents.Document) -> UTF-8 XML bytes
    media_type: str = "application/xml"
    # Optional: the UblWriter subclass behind ``build``; with it, preflight can write the XML
    # despite the writer's own objections and let the official rules name what is wrong.
    writer: type | None = None
