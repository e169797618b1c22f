"""Finalize: number, totals, VAT rows, hash chain, XML hash, signature; then frozen.

Finalizations of one company are serialized by its chain-head row lock (one upsert
``... RETURNING``: on PostgreSQL the next one waits for this transaction, on SQLite writers
are serialized by ``BEGIN IMMEDIATE``), held until COMMIT. So that lock is held only for
what depends on the chain and the number: ``finalize_prepare`` first locks the invoice's row
and does the rest (checks, official rules, VAT rows, key) while others may hold it; see its
docstring for what may change meanwhile. Under the lock: the chain position, the number (lock
order chain head, then number series, so concurrent finalizations can neither fork the
chain nor skip a number), the numbered XML, hash, signature, and the one sealing UPDATE.
A credit note locks the invoice it corrects (payments lock it too) and checks the amount due
on what the lock read, so a credit note and a payment can never both take the same amount due.
All header values are assigned in one UPDATE after the VAT rows are written, because the
database trigger refuses any later change to a non-draft invoice.
"""

from __future__ import annotations

from core.api import ApiError, db, lock_for_update, next_number, utcnow
from core.api import gettext as _
from plugins.invoicing import chain, einvoice_xml, mapping, signing
from plugins.invoicing.models import CREDIT_NOTE, DRAFT, FINALIZED, ChainHead, Invoice
from plugins.invoicing.services import notify
from plugins.invoicing.services.finalize_prepare import Prepared, prepare, require_live_original
from plugins.invoicing.services.finalize_xml import numbered_xml


def lock_chain(company_id: int) -> tuple[int, str | None]:
    """The company's chain lock (next position, previous hash); benchmarks time this call."""
    return ChainHead.advance(company_id)


def finalize(invoice: Invoice) -> Invoice:
    ready = prepare(invoice.id)
    invoice = ready.invoice
    seq, prev_hash = lock_chain(invoice.company_id)
    if invoice.type == CREDIT_NOTE:
        _check_credit(invoice)
    number = next_number(invoice.company_id, ready.code, on=invoice.issue_date)
    # The official rules passed this document before the lock (finalize_xml says when that
    # verdict holds for the numbered XML); a refusal raises before anything else is written
    # and the caller's rollback gives the number and the chain position back (gapless).
    sealed = numbered_xml(
        invoice, ready.checked, ready.document, ready.totals, ready.profiles, number
    )
    _seal(ready, number, seq, prev_hash, sealed)
    db.session.flush()
    ChainHead.seal(invoice.company_id, invoice.hash)
    _credit_original(invoice)
    notify.status_changed(invoice, "InvoiceFinalized", DRAFT, {"hash": invoice.hash})
    return invoice


def _seal(ready: Prepared, number: str, seq: int, prev_hash: str | None, sealed: bytes) -> None:
    """Every sealed value on the invoice, for the one UPDATE (the trigger freezes it then)."""
    invoice, totals = ready.invoice, ready.totals
    key = ready.key or signing.company_key(invoice.company_id, ready.made)
    with db.session.no_autoflush:
        invoice.hash_version = chain.CURRENT_VERSION
        invoice.number = number
        invoice.subtotal = totals.subtotal
        invoice.tax_total = totals.tax_total
        invoice.total = totals.total
        invoice.amount_due = totals.payable
        invoice.chain_seq = seq
        invoice.prev_hash = prev_hash
        invoice.finalized_at = utcnow().replace(microsecond=0)
        invoice.hash = chain.compute_hash(invoice)  # covers the snapshots and the VAT rows
        invoice.xml_hash = einvoice_xml.sha256(sealed)
        invoice.signing_key_id = key.id
        invoice.signature = signing.sign(key, signing.message(invoice.hash, invoice.xml_hash))
        invoice.status = FINALIZED


def _check_credit(invoice: Invoice) -> None:
    original = None
    if invoice.credit_note_of_id is not None:
        original = lock_for_update(Invoice, invoice.credit_note_of_id)
    require_live_original(original)
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
