"""Finalize: number, totals, VAT rows, hash chain, XML hash, signature; then frozen.

The company's chain-head row is locked first (one upsert ``... RETURNING``): on PostgreSQL a
second finalization in the same company waits for this transaction, on SQLite writers are
serialized by ``BEGIN IMMEDIATE``. Lock order is always chain head, then number sequence,
so concurrent finalizations can neither fork the chain nor skip a number. A credit note then
locks the invoice it corrects (payments lock it too) and checks the amount due on what the
lock read, so a credit note and a payment can never both take the same amount due.
All header values are assigned in one UPDATE after the VAT rows are written, because the
database trigger refuses any later change to a non-draft invoice.
"""

from __future__ import annotations

from sqlalchemy import insert, select

from core.api import ApiError, Company, ValidationFailed, db, lock_for_update, next_number, utcnow
from core.api import gettext as _
from plugins.invoicing import chain, einvoice_xml, mapping, signing
from plugins.invoicing.models import CREDIT_NOTE, DRAFT, FINALIZED, ChainHead, Invoice, Tax
from plugins.invoicing.services import einvoice_gate, notify
from plugins.invoicing.services.drafts import require_draft


def _reload(invoice_id: int) -> Invoice:
    """Re-read under the lock: another request may have finalized it meanwhile."""
    return (
        db.session.scalars(
            select(Invoice)
            .where(Invoice.id == invoice_id)
            .execution_options(populate_existing=True)
        )
        .unique()
        .one()
    )


def _check_ready(invoice: Invoice) -> None:
    require_draft(invoice)
    if not invoice.lines:
        raise ValidationFailed(
            {"lines": _("must have at least one line")}, _("An invoice needs at least one line.")
        )
    _check_seller(invoice.company_id)
    if invoice.type == CREDIT_NOTE:
        _check_credit(invoice)


def _check_seller(company_id: int) -> None:
    """A document sealed without the seller's legal details could never pass PINT-AE."""
    gaps = mapping.seller_gaps(db.session.get(Company, company_id))
    if gaps:
        raise ApiError(
            422,
            "company_profile_incomplete",
            "Complete the company profile before finalizing: " + ", ".join(gaps) + ".",
            {"fields": gaps},
        )


def _check_credit(invoice: Invoice) -> None:
    original = None
    if invoice.credit_note_of_id is not None:
        original = lock_for_update(Invoice, invoice.credit_note_of_id)
    if original is None or original.status in (DRAFT, "VOID"):
        raise ApiError(409, "invalid_original", _("A credit note must correct a live invoice."))
    total = mapping.live_totals(invoice).total
    if total > (original.amount_due or 0):
        raise ApiError(
            422,
            "credit_exceeds_amount_due",
            _(
                "The credit note (%(total)s) exceeds what is still due on "
                "%(original_number)s (%(original_amount_due)s).",
                total=total,
                original_number=original.number,
                original_amount_due=original.amount_due,
            ),
        )


def _write_taxes(invoice: Invoice, totals) -> None:
    """Line totals and VAT rows, written while the invoice is still a draft (the trigger
    freezes a finalized one's). The rows go in as one bulk INSERT, cheaper than the unit of
    work; the hash reads them back, so it covers what is stored."""
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


def finalize(invoice: Invoice) -> Invoice:
    seq, prev_hash = ChainHead.advance(invoice.company_id)
    invoice = _reload(invoice.id)
    _check_ready(invoice)
    profiles = einvoice_gate.profiles_for(invoice)
    code = "CN" if invoice.type == CREDIT_NOTE else "INV"
    number = next_number(invoice.company_id, code, on=invoice.issue_date)
    document = mapping.to_document(invoice, number)
    totals = mapping.totals.compute_totals(document)
    # The official rules run on the numbered document, so what they passed is what is signed.
    # A refusal raises before anything else is written; the caller's rollback gives the number
    # and the chain position back (gapless), as for every other refusal here.
    sealed = einvoice_gate.sealed_xml(invoice, document, totals, profiles)
    _write_taxes(invoice, totals)
    xml_hash = einvoice_xml.sha256(sealed)
    key = signing.company_key(invoice.company_id)
    with db.session.no_autoflush:
        mapping.snapshot_buyer(invoice)  # same UPDATE: the trigger freezes it from then on
        mapping.snapshot_seller(invoice, db.session.get(Company, invoice.company_id))
        invoice.hash_version = chain.CURRENT_VERSION
        _seal(invoice, number, totals, seq, prev_hash)  # the hash covers the snapshot
        invoice.xml_hash = xml_hash
        invoice.signing_key_id = key.id
        invoice.signature = signing.sign(key, signing.message(invoice.hash, xml_hash))
        invoice.status = FINALIZED
    db.session.flush()
    ChainHead.seal(invoice.company_id, invoice.hash)
    _credit_original(invoice)
    notify.status_changed(invoice, "InvoiceFinalized", DRAFT, {"hash": invoice.hash})
    return invoice


def _seal(invoice: Invoice, number: str, totals, seq: int, prev_hash: str | None) -> None:
    invoice.number = number
    invoice.subtotal = totals.subtotal
    invoice.tax_total = totals.tax_total
    invoice.total = totals.total
    invoice.amount_due = totals.payable
    invoice.chain_seq = seq
    invoice.prev_hash = prev_hash
    invoice.finalized_at = utcnow().replace(microsecond=0)
    invoice.hash = chain.compute_hash(invoice)


def _credit_original(credit: Invoice) -> None:
    original = credit.credit_note_of
    if credit.type != CREDIT_NOTE or original is None:
        return
    original.amount_due = max(original.amount_due - credit.total, 0)
    if original.amount_due == 0:
        original.payment_status = "paid"
    elif original.payment_status == "unpaid":
        original.payment_status = "partial"
    db.session.flush()
    notify.changed(
        original, "InvoiceCredited", "invoicing_invoice_updated", {"credit_note": credit.id}
    )
