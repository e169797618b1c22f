"""E-invoice formats for every plugin: official-rule validation, UBL reading and writing."""

from __future__ import annotations

from core.api import Manifest

MANIFEST = Manifest(
    name="einvoice",
    version="1.0.0",
    depends=(),
    summary="UBL 2.1 e-invoices: official Peppol BIS 3.0 / PINT-AE validation and a UBL reader",
)
