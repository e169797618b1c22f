"""Finalize's first half, run before the company's chain lock: everything that depends on
neither the chain's head nor the document's number is read, checked and written here, while
other finalizations of the company may hold the lock (on PostgreSQL; SQLite serializes
whole writing transactions anyway).

What if something changes between these reads and the lock?
- The invoice and its lines: the invoice's row is locked first (``_lock_draft``, read
  afresh), so until COMMIT no save, delete or second finalization of it lands. Lines change
  only together with their invoice's row (a save bumps its version), so they hold as well;
  a save queued behind the lock is then refused as for a finalized invoice (``drafts``).
- The company (seller check and snapshot), the customer (buyer snapshot) and the e-invoice
  settings are read without a lock, as they were when read under the chain lock (which does
  not hold them either): a change committed after this read is ordered after this
  finalization, whose document shows them as they were when it started.
- The signing key: when the company had none at this read, one is made here (the RSA
  generation, ~75 ms of CPU) and stored under the chain lock only if the company still has
  none then; a concurrent first finalization's key is dropped, so the company gets one key.
- The official rules: see ``finalize_xml``.
Locks are taken in one order: the invoice, the chain head, (a credit note) the invoice it
corrects, the number series.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select

from core.api import ApiError, Company, ValidationFailed, db, lock_or_404, upcoming_number
from core.api import gettext as _
from plugins.invoicing import mapping, signing
from plugins.invoicing.models import CREDIT_NOTE, DRAFT, VOID, Invoice, SigningKey, Tax
from plugins.invoicing.services import einvoice_gate
from plugins.invoicing.services.drafts import require_draft


@dataclass
class Prepared:
    """What the locked half needs; ``document`` carries the provisional number ``checked``
    (the XML of ``profiles[0]`` that passed the official rules) was written with."""

    invoice: Invoice
    company: Company
    code: str
    profiles: list[str]
    document: object
    totals: object
    checked: bytes
    key: SigningKey | None
    made: signing.NewKey | None = None


def prepare(invoice_id: int) -> Prepared:
    invoice = _lock_draft(invoice_id)
    company = db.session.get(Company, invoice.company_id)  # held: later gets need no query
    _check_ready(invoice, company)
    code = "CN" if invoice.type == CREDIT_NOTE else "INV"
    provisional = upcoming_number(invoice.company_id, code, on=invoice.issue_date)
    profiles = einvoice_gate.profiles_for(invoice, company)
    document = mapping.to_document(invoice, provisional)
    totals = mapping.totals.compute_totals(document)
    # A refusal raises before anything is written or locked beyond the invoice.
    checked = einvoice_gate.sealed_xml(invoice, document, totals, profiles)
    # The buyer and seller as the document was written from; stored with the line totals
    # (a draft may change), hashed under the lock. Taken later, a re-read of the customer
    # there (the corrected invoice's lock loads it too) could seal another than was checked.
    mapping.snapshot_buyer(invoice)
    mapping.snapshot_seller(invoice, company)
    _write_taxes(invoice, totals)
    key = signing.newest_key(invoice.company_id)
    if key is not None:
        signing.private_key(key)  # decrypted and cached now, not while holding the lock
    made = signing.new_key() if key is None else None  # the first: made now, stored under it
    return Prepared(invoice, company, code, profiles, document, totals, checked, key, made)


def _lock_draft(invoice_id: int) -> Invoice:
    """The invoice read afresh, its row locked until COMMIT: ``FOR UPDATE``, not core's
    ``FOR NO KEY UPDATE``, because sealing writes its number and chain position (columns
    under unique keys), which takes this lock anyway. Taken first, no save's line INSERT
    gets in (its foreign-key check waits here) and the sealing UPDATE upgrades nothing."""
    query = (
        select(Invoice)
        .where(Invoice.id == invoice_id)
        .with_for_update(of=Invoice)
        .execution_options(populate_existing=True)
    )
    invoice = db.session.scalars(query).unique().one_or_none()
    return invoice or lock_or_404(Invoice, invoice_id, "invoice")  # deleted meanwhile: 404


def _check_ready(invoice: Invoice, company: Company) -> None:
    require_draft(invoice)
    if not invoice.lines:
        raise ValidationFailed(
            {"lines": _("must have at least one line")}, _("An invoice needs at least one line.")
        )
    _check_seller(company)
    _check_exchange_rate(invoice, company)
    if invoice.type == CREDIT_NOTE:  # checked again on the locked original, under the lock
        require_live_original(invoice.credit_note_of)


def require_live_original(original: Invoice | None) -> None:
    if original is None or original.status in (DRAFT, VOID):
        raise ApiError(409, "invalid_original", _("A credit note must correct a live invoice."))


def _check_exchange_rate(invoice: Invoice, company: Company) -> None:
    """A UAE seller's foreign-currency document states its VAT in AED too; the draft's default
    rate of 1 would report the foreign VAT as AED (no currency trades at exactly 1 AED)."""
    uae = (company.country or "AE") == "AE"
    if uae and invoice.currency != mapping.ACCOUNTING_CURRENCY and invoice.exchange_rate == 1:
        raise ValidationFailed(
            {"exchange_rate": _("enter the exchange rate to AED")},
            _("A foreign-currency invoice needs its exchange rate to AED."),
        )


def _check_seller(company: Company) -> None:
    """A document sealed without the seller's legal details could never pass PINT-AE."""
    gaps = mapping.seller_gaps(company)
    if gaps:
        raise ApiError(
            422,
            "company_profile_incomplete",
            "Complete the company profile before finalizing: " + ", ".join(gaps) + ".",
            {"fields": gaps},
        )


def _write_taxes(invoice: Invoice, totals) -> list[Tax]:
    """Line totals and VAT rows, written while the invoice is still a draft (the trigger
    freezes a finalized one's). The rows go in as one bulk INSERT, cheaper than the unit of
    work, and are read back: the hash covers what is stored."""
    for line, net in zip(invoice.lines, totals.line_nets, strict=True):
        line.line_total = net
    db.session.flush()
    rows = [
        {
            "company_id": invoice.company_id,
            "invoice_id": invoice.id,
            "tax_category": group.category,
            "tax_rate": group.rate,
            "taxable_amount": group.taxable,
            "tax_amount": group.tax,
            "exemption_reason": group.exemption_reason,
        }
        for group in totals.groups
    ]
    if rows:
        db.session.execute(insert(Tax), rows)
    db.session.expire(invoice, ["taxes"])
    return invoice.taxes  # loaded now, before the lock
