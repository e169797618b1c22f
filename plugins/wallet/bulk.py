"""Bulk payment requests: one job creates a request for each of many invoices.

Each invoice is its own transaction, so one refusal (a draft, a live request already) is listed
in the job's errors and the others still get their request; the job page shows the progress.
"""

from __future__ import annotations

from core.api import ApiError, ValidationFailed, db
from core.api import gettext as _
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
