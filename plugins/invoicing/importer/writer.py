"""Insert imported drafts in batches with bulk INSERTs (no ORM object per row), so memory and
time stay flat at 100k lines. Every draft carries ``import_job_id``: a failure half-way
deletes exactly what this job wrote, and nothing of the import remains."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, select

from core.api import db, utcnow
from plugins.einvoice.public import codes, documents, totals
from plugins.invoicing.importer.passes import Invoice as FileInvoice
from plugins.invoicing.models import DRAFT, INVOICE, Invoice, Line

BATCH_LINES = 500  # per INSERT batch: bounds the memory an import needs, whatever its size


def invoice_values(item: FileInvoice, company_id: int, job_id: int, terms: dict) -> dict:
    head = item.first
    due = head.due_date or head.issue_date + dt.timedelta(days=terms.get(head.customer_id, 30))
    return {
        "company_id": company_id,
        "type": INVOICE,
        "status": DRAFT,
        "payment_status": "unpaid",
        "customer_id": head.customer_id,
        "issue_date": head.issue_date,
        "due_date": due,
        "currency": head.currency,
        "exchange_rate": head.exchange_rate,
        "buyer_reference": head.buyer_reference,
        "created_at": utcnow(),
        "import_job_id": job_id,
    }


def line_values(line: dict, position: int, invoice_id: int, company_id: int, places: int):
    doc_line = documents.Line(
        id=str(position),
        description=line["description"],
        quantity=line["quantity"],
        unit_code=line["unit_code"],
        unit_price=line["unit_price"],
        tax_category=line["tax_category"],
        tax_rate=line["tax_rate"],
        allowance=line["allowance"],
        exemption_reason=line["exemption_reason"],
    )
    return {
        **line,
        "company_id": company_id,
        "invoice_id": invoice_id,
        "position": position,
        "line_total": totals.line_net(doc_line, places),
    }


def write_batch(batch: list[FileInvoice], company_id: int, job_id: int, terms: dict) -> None:
    heads = [invoice_values(item, company_id, job_id, terms) for item in batch]
    ids = db.session.scalars(
        insert(Invoice).returning(Invoice.id, sort_by_parameter_order=True), heads
    ).all()
    lines = [
        line_values(line, pos, invoice_id, company_id, codes.amount_places(item.first.currency))
        for item, invoice_id in zip(batch, ids, strict=True)
        for pos, line in enumerate(item.lines, start=1)
    ]
    db.session.execute(insert(Line), lines)


def undo(job_id: int) -> None:
    """Delete the drafts (and their lines) this import job wrote."""
    db.session.rollback()  # the failed batch's transaction is unusable (PostgreSQL aborts it)
    mine = select(Invoice.id).where(Invoice.import_job_id == job_id)
    db.session.execute(
        delete(Line).where(Line.invoice_id.in_(mine)).execution_options(synchronize_session=False)
    )
    db.session.execute(
        delete(Invoice)
        .where(Invoice.import_job_id == job_id)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
