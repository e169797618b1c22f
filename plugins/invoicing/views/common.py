"""Helpers shared by the invoicing pages: saving a form through a service, amounts shown."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import TypeVar

from sqlalchemy import select

from core.api import DomainError, attempt, db
from plugins.invoicing import mapping
from plugins.invoicing.api.common import commit
from plugins.invoicing.forms import apply_errors
from plugins.invoicing.models import DRAFT, Invoice, Line

T = TypeVar("T")


def show_refusal(form, exc: DomainError) -> None:
    """Roll back and put a service's refusal on the form: on the fields it names, else above."""
    db.session.rollback()
    fields = exc.details.get("fields") or {}
    apply_errors(form, fields)
    if not fields:
        form.form_errors.append(exc.message)


def save(form, write: Callable[[], T]) -> T | None:
    """``write()`` and commit; None when the service refused, its messages then on ``form``."""
    return attempt(write, commit, lambda exc: show_refusal(form, exc))


def amounts(invoice: Invoice) -> dict:
    """Stored figures of a finalized document; live ones of a draft (never stored)."""
    if not invoice.is_draft:
        return {
            "subtotal": invoice.subtotal,
            "tax_total": invoice.tax_total,
            "total": invoice.total,
            "amount_due": invoice.amount_due,
        }
    if not invoice.lines:
        return {"subtotal": None, "tax_total": None, "total": None, "amount_due": None}
    live = mapping.live_totals(invoice)
    return {
        "subtotal": live.subtotal,
        "tax_total": live.tax_total,
        "total": live.total,
        "amount_due": live.payable,
    }


def listed_amounts(rows) -> list[tuple]:
    """``(row, amounts)`` for rows of a list's columns (``id``, ``status``, ``currency``,
    ``exchange_rate``, ``total``, ``amount_due``): stored figures; a draft's live ones from its
    lines, read for the drafts alone in one query as plain rows. No ORM object is kept: an
    export of every invoice held each draft's invoice and lines until a full garbage
    collection (measured: its memory grew with the number of drafts)."""
    drafts = [r for r in rows if r.status == DRAFT]
    lines: dict[int, list] = {r.id: [] for r in drafts}
    if drafts:
        query = select(*LINE_FIELDS).where(Line.invoice_id.in_(lines)).order_by(Line.position)
        for line in db.session.execute(query):
            lines[line.invoice_id].append(line)
    live = {
        r.id: amounts(
            SimpleNamespace(
                is_draft=True,
                currency=r.currency,
                exchange_rate=r.exchange_rate,
                lines=lines[r.id],
            )
        )
        for r in drafts
    }
    return [(r, live.get(r.id) or {"total": r.total, "amount_due": r.amount_due}) for r in rows]


# What a draft's live totals read of its lines (mapping.doc_lines).
LINE_FIELDS = (
    Line.invoice_id,
    Line.description,
    Line.quantity,
    Line.unit_code,
    Line.unit_price,
    Line.tax_category,
    Line.tax_rate,
    Line.allowance,
    Line.exemption_reason,
    Line.exemption_code,
    Line.gtin,
    Line.goods_type,
)
