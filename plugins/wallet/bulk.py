"""Bulk payment requests: one job creates a request for each of many invoices.

Each invoice is its own transaction, so one refusal (a draft, a live request already) is listed
in the job's errors and the others still get their request; the job page shows the progress.
"""

from __future__ import annotations

from sqlalchemy import select

from core.api import MAX_ID, ApiError, ValidationFailed, db
from core.api import gettext as _
from plugins.invoicing.public import Invoice
from plugins.wallet import factory

JOB = "wallet.bulk_requests"
MAX_INVOICES = 5000


def run(ctx, invoice_ids: list, token_address: str | None = None) -> dict:
    ctx.set_total(len(invoice_ids))
    created, refused = [], []
    for invoice_id in invoice_ids:
        try:
            request = factory.create(ctx.company_id, int(invoice_id), token_address)
            db.session.commit()
        except ApiError as exc:
            db.session.rollback()
            refused.append({"invoice_id": invoice_id, "code": exc.code, "message": exc.message})
            ctx.advance(ok=0, failed=1, error=f"invoice {invoice_id}: {exc.message}")
            continue
        created.append(
            {"invoice_id": request.invoice_id, "id": request.id, "address": request.address}
        )
        ctx.advance(ok=1)
    return {"created": created, "refused": refused}


def check_ids(value) -> list[int]:
    ok = isinstance(value, list) and 0 < len(value) <= MAX_INVOICES
    if not ok or not all(isinstance(i, int) and not isinstance(i, bool) for i in value):
        raise ValidationFailed(
            {
                "invoice_ids": _(
                    "must be a list of 1 to %(MAX_INVOICES)s invoice ids", MAX_INVOICES=MAX_INVOICES
                )
            }
        )
    return list(dict.fromkeys(value))


def refuse_unknown(invoice_ids: list[int]) -> None:
    """422 naming each id that is no invoice of the company (another company's looks the
    same as one nobody has), before any job is queued."""
    found, possible = set(), sorted({i for i in invoice_ids if 0 < i <= MAX_ID})
    for start in range(0, len(possible), 500):
        chunk = possible[start : start + 500]
        found.update(db.session.scalars(select(Invoice.id).where(Invoice.id.in_(chunk))))
    unknown = {
        f"invoice_ids[{n}]": _("no invoice with id %(invoice_id)s", invoice_id=invoice_id)
        for n, invoice_id in enumerate(invoice_ids)
        if invoice_id not in found
    }
    if unknown:
        raise ValidationFailed(unknown)
