"""Bills from UBL 2.1 e-invoices (Peppol BIS 3.0, PINT-AE, EN 16931), validated before storing.

Order of checks: the official rules first (an invalid document is refused with its fatal rule
ids even if it repeats a number), then the parties, then duplicates.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from core.api import ApiError, Company, db
from core.api import gettext as _
from plugins.ap.models.bill import DRAFT, Bill, BillLine
from plugins.ap.models.document import BillDocument
from plugins.ap.services import bills, einvoice_check, parties, settings

SIX = Decimal("0.000001")


class InvalidEInvoice(ApiError):
    """The document is not UBL, or breaks official rules; ``rules`` are the fatal rule ids."""

    def __init__(self, rules: list[str], findings: list[dict], profile: str | None, message: str):
        details = {"rules": rules, "findings": findings, "profile": profile}
        super().__init__(422, "einvoice_invalid", message, details)
        self.rules = rules


@dataclass
class ImportResult:
    bill: Bill
    warnings: list[str] = field(default_factory=list)


def check(xml: bytes, peppol_rules: str = einvoice_check.ENFORCE):
    """Validate with the official rules first, then read: (verdict, document)."""
    from plugins.einvoice.public import NotUBLError, read

    try:
        verdict = einvoice_check.judge(xml, peppol_rules)
    except (NotUBLError, einvoice_check.NotADocument) as exc:
        raise InvalidEInvoice(
            ["UBL"], [], None, f"Not a UBL 2.1 invoice or credit note: {exc}"
        ) from exc
    if not verdict.valid:
        from plugins.einvoice.public import PROFILE_NAMES

        findings = [
            {"rule": f.rule, "location": f.location, "message": f.message} for f in verdict.errors
        ]
        rules = verdict.rule_ids
        raise InvalidEInvoice(
            rules,
            findings,
            verdict.profile,
            _(
                "The e-invoice breaks %(count)s official rule(s) of %(profile)s: %(rules)s",
                count=len(rules),
                profile=PROFILE_NAMES.get(verdict.profile, verdict.profile),
                rules=", ".join(rules),
            ),
        )
    try:
        return verdict, read(xml)
    except NotUBLError as exc:
        raise InvalidEInvoice(["UBL"], [], verdict.profile, f"Unreadable e-invoice: {exc}") from exc


def import_bill(
    company_id: int, xml: bytes, *, source: str, actor=None, filename: str | None = None
) -> ImportResult:
    """Validate, then store a bill (and its vendor if new) from ``xml``; the caller commits.

    Raises ``InvalidEInvoice`` (422, ``rules``) or ``DuplicateBill`` (409, ``bill_id``).
    """
    report, doc = check(xml, settings.current(company_id).peppol_rules)
    company = db.session.get(Company, company_id)
    vendor = parties.find_vendor(company_id, doc.seller)
    warnings = [f"{f.rule}: {f.message}" for f in report.warnings]
    if (warning := parties.buyer_warning(company, doc.buyer)) is not None:
        warnings.insert(0, warning)
    if vendor is None:
        vendor = parties.vendor_from(company_id, doc.seller)
        warnings.append(f"New vendor {vendor.name} created from the document.")
    bill = _bill(company_id, vendor, doc, source, getattr(actor, "user_id", None), warnings)
    bill.document = BillDocument(
        company_id=company_id,
        xml=xml,
        sha256=doc.sha256 or hashlib.sha256(xml).hexdigest(),
        profile=report.profile,
        filename=filename and filename[:255],
    )
    bill = bills.store(bill)
    return ImportResult(bill, list(bill.warnings))


def _bill(company_id: int, vendor, doc, source: str, user_id, warnings: list[str]) -> Bill:
    bill = Bill(
        company_id=company_id, kind=doc.kind, vendor_id=vendor.id, vendor=vendor,
        vendor_invoice_number=doc.number[:100], issue_date=doc.issue_date,
        due_date=doc.due_date, fiscal_year=doc.issue_date.year, currency=doc.currency,
        order_reference=(doc.order_reference or None) and doc.order_reference[:200],
        status=DRAFT, source=source[:200], created_by_id=user_id, warnings=warnings,
        subtotal=doc.tax_exclusive, tax_total=doc.tax_total or Decimal(0),
        total=doc.tax_inclusive,
    )  # fmt: skip
    bill.lines = [_line(company_id, index, line) for index, line in enumerate(doc.lines)]
    return bill


def _line(company_id: int, index: int, line) -> BillLine:
    base = line.price_base_quantity or Decimal(1)
    return BillLine(
        company_id=company_id, position=index + 1,
        description=(line.description or line.name or f"Line {line.line_id}")[:500],
        item_code=(line.item_code or None) and line.item_code[:64],
        quantity=line.quantity, unit_code=(line.unit_code or "C62")[:8],
        unit_price=(line.unit_price / base).quantize(SIX),
        tax_category=(line.tax_category or "S")[:4], tax_rate=line.tax_rate or Decimal(0),
        net_amount=line.net_amount,
        order_line_reference=(line.order_line_reference or None) and line.order_line_reference[:64],
    )  # fmt: skip


def document_of(bill_id: int) -> BillDocument | None:
    from sqlalchemy import select

    return db.session.scalars(select(BillDocument).where(BillDocument.bill_id == bill_id)).first()
