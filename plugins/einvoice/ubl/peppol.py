"""Peppol BIS Billing 3.0: EN 16931 with the OpenPeppol rules (ISO-prefixed VAT ids)."""

from __future__ import annotations

from plugins.einvoice.ubl.builder import UblWriter
from plugins.einvoice.ubl.profile import Profile


class PeppolWriter(UblWriter):
    customization_id = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
    profile_id = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"

    def tax_id(self, party):
        # BR-O-02/03/04: a document "not subject to VAT" carries no VAT identifiers at all.
        if any(line.tax_category == "O" for line in self.doc.lines):
            return None
        return super().tax_id(party)

    def notes(self) -> list[str]:
        # PEPPOL-EN16931-R002: at most one document-level note.
        return ["\n".join(self.doc.notes)] if self.doc.notes else []


def build(document) -> bytes:
    return PeppolWriter(document).build()


PROFILE = Profile(name="peppol", label="Peppol BIS Billing 3.0", build=build, writer=PeppolWriter)
