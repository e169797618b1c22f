"""Finalize's primitives called bare: the baseline the finalize service is measured against.

For each draft of a company of its own, in one transaction on a bare Core connection (no ORM):
take the chain position and the next number (one ``UPDATE ... RETURNING`` each), build the UBL
of every required profile, validate each through the e-invoice plugin's public ``validate``,
hash the canonical bytes (SHA-256), sign ``hash|xml_hash`` (RSA-PSS), insert the VAT rows,
seal the invoice with one UPDATE, move the chain head, insert the audit row, commit.

What is not a primitive is prepared beforehand, outside the timing: the document and the
totals as the standards see them, the canonical payload's unchanging part, the snapshots, the
profiles the company must issue and the loaded private key.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json

from sqlalchemy import insert, update

WRITE = ("number", "chain_seq", "prev_hash", "subtotal", "tax_total", "total")


@dataclasses.dataclass
class Work:
    invoice_id: int
    document: object
    profiles: list[str]
    totals: object
    payload: dict
    taxes: list[dict]
    snapshot: dict


def prepare(company_id: int, ids: list[int]) -> list[Work]:
    """Everything finalize reads or derives before its primitives run, for each draft."""
    from core.api import Company, db
    from plugins.invoicing import chain, mapping
    from plugins.invoicing.mapping import BUYER_SNAPSHOT
    from plugins.invoicing.models import Invoice
    from plugins.invoicing.services.einvoice_gate import profiles_for

    company = db.session.get(Company, company_id)
    work = []
    with db.session.no_autoflush:
        for invoice_id in ids:
            invoice = db.session.get(Invoice, invoice_id)
            document = mapping.to_document(invoice, "INV/0000/00000")
            totals = mapping.totals.compute_totals(document)
            mapping.snapshot_buyer(invoice)
            mapping.snapshot_seller(invoice, company)
            invoice.hash_version = chain.CURRENT_VERSION
            columns = [*BUYER_SNAPSHOT, "buyer_vat_id", *mapping.SELLER_SNAPSHOT]
            snapshot = {c: getattr(invoice, c) for c in columns}
            taxes = [_tax_row(invoice, group) for group in totals.groups]
            payload = chain.payload(invoice)
            payload["taxes"] = [chain._tax(_Row(t)) for t in taxes]
            profiles = profiles_for(invoice)
            work.append(Work(invoice_id, document, profiles, totals, payload, taxes, snapshot))
    db.session.rollback()  # the snapshots set above were only read
    return work


class _Row:
    def __init__(self, values: dict) -> None:
        self.__dict__.update(values)


def _tax_row(invoice, group) -> dict:
    return {
        "company_id": invoice.company_id,
        "invoice_id": invoice.id,
        "tax_category": group.category,
        "tax_rate": group.rate,
        "taxable_amount": group.taxable,
        "tax_amount": group.tax,
        "exemption_reason": group.exemption_reason,
    }


class BareFinalize:
    """Runs the primitives for prepared work items; ``key`` is the company's signing key row."""

    def __init__(self, company_id: int, key) -> None:
        from plugins.invoicing import signing

        self.company_id = company_id
        self.key_id = key.id
        self.private = signing.private_key(key)

    def run(self, items: list[Work]) -> None:
        from core.api import db

        for item in items:
            with db.engine.begin() as conn:
                self._one(conn, item)

    def _one(self, conn, item: Work) -> None:
        from plugins.einvoice.public import validate
        from plugins.invoicing import einvoice_xml

        seq, prev_hash = self._chain_position(conn)
        number = self._number(conn)
        document = dataclasses.replace(item.document, number=number)
        rendered = [einvoice_xml.render(document, profile) for profile in item.profiles]
        for body, profile in zip(rendered, item.profiles, strict=True):
            if not validate(body, profile).valid:
                raise RuntimeError(f"the bare path built an invalid {profile} document")
        invoice_hash = self._hash(item, number, seq, prev_hash)
        xml_hash = hashlib.sha256(rendered[0]).hexdigest()
        signature = self._sign(f"{invoice_hash}|{xml_hash}".encode())
        self._write(conn, item, number, seq, prev_hash, invoice_hash, xml_hash, signature)

    def _chain_position(self, conn) -> tuple[int, str | None]:
        from plugins.invoicing.models import ChainHead

        head = ChainHead.__table__
        return conn.execute(
            update(head)
            .where(head.c.company_id == self.company_id)
            .values(last_seq=head.c.last_seq + 1)
            .returning(head.c.last_seq, head.c.last_hash)
        ).one()

    def _number(self, conn) -> str:
        from core.models import Sequence

        table = Sequence.__table__
        value = conn.execute(
            update(table)
            .where(
                table.c.company_id == self.company_id,
                table.c.code == "INV",
                table.c.period == "2026",
            )
            .values(last_value=table.c.last_value + 1)
            .returning(table.c.last_value)
        ).scalar_one()
        return f"INV/2026/{value:05d}"

    def _hash(self, item: Work, number: str, seq: int, prev_hash: str | None) -> str:
        from plugins.invoicing import chain

        totals = item.totals
        item.payload.update(
            number=number,
            chain_seq=seq,
            prev_hash=prev_hash,
            subtotal=chain._money(totals.subtotal),
            tax_total=chain._money(totals.tax_total),
            total=chain._money(totals.total),
        )
        text = json.dumps(item.payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()

    def _sign(self, message: bytes) -> str:
        from cryptography.hazmat.primitives import hashes

        from plugins.invoicing import signing

        return base64.b64encode(self.private.sign(message, signing.PSS, hashes.SHA256())).decode()

    def _write(self, conn, item, number, seq, prev_hash, invoice_hash, xml_hash, signature):
        from core.api import utcnow
        from core.models import AuditEntry
        from plugins.invoicing import chain
        from plugins.invoicing.models import ChainHead, Invoice, Tax

        totals = item.totals
        conn.execute(insert(Tax.__table__), item.taxes)
        invoices = Invoice.__table__
        conn.execute(
            update(invoices)
            .where(invoices.c.id == item.invoice_id)
            .values(
                number=number,
                status="FINALIZED",
                subtotal=totals.subtotal,
                tax_total=totals.tax_total,
                total=totals.total,
                amount_due=totals.payable,
                chain_seq=seq,
                prev_hash=prev_hash,
                hash=invoice_hash,
                xml_hash=xml_hash,
                signature=signature,
                signing_key_id=self.key_id,
                finalized_at=utcnow().replace(microsecond=0),
                hash_version=chain.CURRENT_VERSION,
                **item.snapshot,
            )
        )
        head = ChainHead.__table__
        conn.execute(
            update(head).where(head.c.company_id == self.company_id).values(last_hash=invoice_hash)
        )
        conn.execute(
            insert(AuditEntry.__table__).values(
                company_id=self.company_id,
                actor_label="system",
                action="InvoiceFinalized",
                record_type="invoice",
                record_id=str(item.invoice_id),
                details={"id": item.invoice_id, "number": number, "hash": invoice_hash},
                created_at=utcnow(),
            )
        )


def start(company_id: int) -> None:
    """The chain head and the number sequence rows exist before the first bare finalize."""
    from core.api import db
    from core.models import Sequence
    from plugins.invoicing.models import ChainHead

    db.session.execute(insert(ChainHead).values(company_id=company_id, last_seq=0))
    db.session.execute(
        insert(Sequence).values(company_id=company_id, code="INV", period="2026", last_value=0)
    )
    db.session.commit()
