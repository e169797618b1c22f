"""Peppol BIS Billing 3.0: EN 16931 with the OpenPeppol rules (ISO-prefixed VAT ids)."""

from __future__ import annotations

from plugins.invoicing.ubl.builder import UblWriter
from plugins.invoicing.ubl.profile import Profile


class PeppolWriter(UblWriter):
    customization_id = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
    profile_id = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"

    def notes(self) -> list[str]:
        # PEPPOL-EN16931-R002: at most one document-level note.
        return ["\n".join(self.doc.notes)] if self.doc.notes else []


def build(document) -> bytes:
    return PeppolWriter(document).build()


PROFILE = Profile(name="peppol", label="Peppol BIS Billing 3.0", build=build)
