"""One document's integrity: its hash, its signature and its link in the chain."""

from __future__ import annotations

from sqlalchemy import select

from core.api import db
from plugins.invoicing import chain, signing
from plugins.invoicing.models import Invoice, SigningKey


def verify_invoice(invoice: Invoice) -> dict:
    if invoice.chain_seq is None:
        return {
            "id": invoice.id,
            "finalized": False,
            "hash": None,
            "signature": None,
            "chain": None,
            "ok": False,
        }
    hash_ok = chain.compute_hash(invoice) == invoice.hash
    signature_ok = _signature_ok(invoice)
    chain_ok = _link_ok(invoice)
    return {
        "id": invoice.id,
        "number": invoice.number,
        "finalized": True,
        "hash": {"ok": hash_ok, "stored": invoice.hash},
        "signature": {"ok": signature_ok, "key_id": invoice.signing_key_id},
        "chain": {"ok": chain_ok, "chain_seq": invoice.chain_seq, "prev_hash": invoice.prev_hash},
        "ok": hash_ok and signature_ok and chain_ok,
    }


def _signature_ok(invoice: Invoice) -> bool:
    key = db.session.get(SigningKey, invoice.signing_key_id) if invoice.signing_key_id else None
    if key is None or not invoice.signature or not invoice.xml_hash:
        return False
    data = signing.message(invoice.hash, invoice.xml_hash)
    return signing.verify(key.public_key_pem, data, invoice.signature)


def _link_ok(invoice: Invoice) -> bool:
    """The previous document exists, is intact, and its hash is this one's prev_hash."""
    if invoice.chain_seq == 1:
        return invoice.prev_hash is None
    previous = (
        db.session.scalars(
            select(Invoice).where(
                Invoice.company_id == invoice.company_id,
                Invoice.chain_seq == invoice.chain_seq - 1,
            )
        )
        .unique()
        .first()
    )
    if previous is None:
        return False
    return previous.hash == invoice.prev_hash and chain.compute_hash(previous) == previous.hash
