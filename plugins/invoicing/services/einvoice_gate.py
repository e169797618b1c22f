"""Nothing sealed that cannot be issued: the official e-invoice rules run before a number is
taken, on the document as it would be sealed, in every profile the company must issue.

The same check feeds the draft page, so people see what would block finalize while editing.
"""

from __future__ import annotations

from core.api import Company, Refused, db
from plugins.einvoice.public import Blocker, checked_xml, preflight, required_profiles
from plugins.invoicing import einvoice_xml, mapping
from plugins.invoicing.models import CREDIT_NOTE, Invoice

NEGATIVE_TOTAL = "LEDGERLINE-NEGATIVE-TOTAL"


def profiles_for(invoice: Invoice, company: Company | None = None) -> list[str]:
    """The profiles this document must pass, the first being the one whose XML is signed."""
    company = company or db.session.get(Company, invoice.company_id)
    buyer = mapping.buyer(invoice)
    return required_profiles(
        invoice.company_id, company.country, buyer.country, bool(buyer.endpoint)
    )


def sealed_profile(invoice: Invoice) -> str:
    """The profile whose XML finalize hashed and signed: the default export and attachment."""
    return profiles_for(invoice)[0]


def blockers(invoice: Invoice) -> list[Blocker]:
    """Every reason finalize would refuse this draft on e-invoice grounds; [] when none."""
    if not invoice.lines:
        return []
    document = mapping.to_document(invoice)  # provisional number DRAFT-<id>
    found = _negative_total(invoice, document)
    if found:
        return found
    return preflight(document, profiles_for(invoice), einvoice_xml.profiles())


def sealed_xml(invoice: Invoice, document, totals, profiles: list[str]) -> bytes:
    """Finalize's check, on the document as numbered: 422 as ``check`` does, else the XML of
    ``profiles[0]`` that passed the official rules, the one finalize hashes and signs."""
    found = _negative_total(invoice, document, totals)
    written = {}
    if not found:
        found, written = checked_xml(document, profiles, einvoice_xml.profiles())
    if found:
        raise Refused("einvoice_rules", summary(found), {"blockers": _details(found)})
    return written[profiles[0]]


def _negative_total(invoice: Invoice, document, totals=None) -> list[Blocker]:
    """An invoice below zero is a credit note in disguise; a credit note below zero would add
    to what the customer owes (the original's amount due grows): each is the other's job."""
    total = (totals or mapping.totals.compute_totals(document)).tax_inclusive
    if total >= 0:
        return []
    amount = f"({total} {invoice.currency})"
    if invoice.type == CREDIT_NOTE:
        hint = (
            f"A credit note cannot have a negative total {amount}; it would add to what the "
            "customer owes: issue an invoice for the amount instead."
        )
    else:
        hint = (
            f"An invoice cannot have a negative total {amount}; "
            "issue a credit note for the amount instead."
        )
    return [Blocker("ledgerline", NEGATIVE_TOTAL, "lines", hint, hint)]


def check(invoice: Invoice) -> None:
    """422 naming each rule id and the field to fix; nothing is written (runs before numbering)."""
    found = blockers(invoice)
    if found:
        raise Refused("einvoice_rules", summary(found), {"blockers": _details(found)})


def summary(found: list[Blocker]) -> str:
    parts = [f"{b.rule} ({b.field}): {b.hint}" for b in found[:10]]
    more = f" (and {len(found) - 10} more)" if len(found) > 10 else ""
    profiles = ", ".join(dict.fromkeys(b.profile for b in found))
    return f"The document cannot be issued ({profiles}): " + "; ".join(parts) + more


def _details(found: list[Blocker]) -> list[dict]:
    return [b.as_dict() for b in found]
