"""The per-company hash chain: canonical serialization, hashing and verification.

Each finalized document's hash covers its header, the buyer and (payload v3) the seller as
frozen at finalization (the ``buyer_*`` and ``seller_*`` snapshots the XML is written from),
lines, VAT rows, its place in the chain
(``chain_seq``) and the previous document's hash, so editing, deleting or reordering any
finalized document breaks every check from that point on.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.api import ChainReport, db, walk_chain
from plugins.invoicing.mapping import BUYER_SNAPSHOT, SELLER_SNAPSHOT
from plugins.invoicing.models import ChainHead, Invoice

HEADER = [
    "company_id",
    "type",
    "number",
    "customer_id",
    "currency",
    "buyer_reference",
    "order_reference",
    "notes",
    "payment_iban",
    "credit_note_of_id",
    "chain_seq",
    "prev_hash",
    "credit_reason",
    *BUYER_SNAPSHOT,
    "buyer_vat_id",
]
LINE = [
    "position",
    "description",
    "unit_code",
    "tax_category",
    "exemption_reason",
    "exemption_code",
    "gtin",
    "goods_type",
]
TAX = ["tax_category", "exemption_reason"]
# Payload versions: 2 (documents sealed before the seller snapshot, ``hash_version`` NULL)
# and 3, which adds the seller snapshot. The version is itself part of the payload, so
# lowering a document's ``hash_version`` breaks its hash as any other edit does.
CURRENT_VERSION = 3
SELLER = list(SELLER_SNAPSHOT)


def _money(value) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def _precise(value) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.000001")))


def _date(value) -> str | None:
    return None if value is None else value.isoformat()


# Dates, amounts and rates as text of a fixed scale, so a hash never depends on the database.
HEADER_VALUES = {
    "issue_date": _date,
    "due_date": _date,
    "exchange_rate": _precise,
    "subtotal": _money,
    "tax_total": _money,
    "total": _money,
}
LINE_VALUES = {
    "quantity": _precise,
    "unit_price": _precise,
    "allowance": _money,
    "tax_rate": _money,
    "line_total": _money,
}
TAX_VALUES = {"tax_rate": _money, "taxable_amount": _money, "tax_amount": _money}


def payload(inv: Invoice) -> dict:
    version = inv.hash_version or 2
    body = _fields(inv, HEADER + (SELLER if version >= 3 else []), HEADER_VALUES)
    body.update(
        v=version,  # 2: buyer snapshot and PINT-AE fields; 3: and the seller snapshot
        lines=[_line(line) for line in sorted(inv.lines, key=lambda x: (x.position, x.id or 0))],
        taxes=[_tax(tax) for tax in sorted(inv.taxes, key=lambda t: (t.tax_category, t.tax_rate))],
    )
    return body


def _fields(record, plain: list[str], values: dict) -> dict:
    """The ``plain`` attributes as stored, then each of ``values`` through its converter."""
    body = {name: getattr(record, name) for name in plain}
    body.update({name: convert(getattr(record, name)) for name, convert in values.items()})
    return body


def _line(line) -> dict:
    return _fields(line, LINE, LINE_VALUES)


def _tax(tax) -> dict:
    return _fields(tax, TAX, TAX_VALUES)


def canonical(inv: Invoice) -> bytes:
    text = json.dumps(payload(inv), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode()


def compute_hash(inv: Invoice) -> str:
    return hashlib.sha256(canonical(inv)).hexdigest()


def _where(inv: Invoice | None, seq: int) -> dict:
    return {
        "id": getattr(inv, "id", None),
        "number": getattr(inv, "number", None),
        "chain_seq": getattr(inv, "chain_seq", None),
    }


def finalized_in_order(company_id: int, up_to: int | None = None):
    bounded = [Invoice.chain_seq <= up_to] if up_to is not None else []
    query = (
        select(Invoice)
        .where(Invoice.company_id == company_id, Invoice.chain_seq.is_not(None), *bounded)
        .order_by(Invoice.chain_seq)
        .options(selectinload(Invoice.lines), selectinload(Invoice.taxes))
        .execution_options(yield_per=500)
    )
    return db.session.scalars(query)


def check_link(inv: Invoice, expected_seq: int, expected_prev: str | None) -> str | None:
    """Why ``inv`` breaks the chain at this position, or None when it holds."""
    if inv.chain_seq != expected_seq:
        return f"document #{expected_seq} of the chain is missing"
    if inv.prev_hash != expected_prev:
        return "prev_hash does not match the previous document's hash"
    if compute_hash(inv) != inv.hash:
        return "content does not match its hash (the document was altered)"
    return None


def verify_company(company_id: int) -> ChainReport:
    """Walk the company's chain in order and name the first document that breaks it.

    The head is read first and the walk stops at it: documents finalized while the walk runs
    (committed with a newer head) are not half-seen as missing ones."""
    return walk_chain(
        ChainHead.current(company_id),
        lambda last_seq: finalized_in_order(company_id, last_seq),
        check_link,
        _where,
        "the last finalized documents are missing from the chain",
    )
