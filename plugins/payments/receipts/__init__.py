"""PDF receipt of a payment (fpdf2): who paid whom, how much, and which invoices it settled."""

from __future__ import annotations

from plugins.payments.models import Payment
from plugins.payments.receipts.content import gather
from plugins.payments.receipts.layout import draw

__all__ = ["filename", "render_receipt"]


def render_receipt(payment: Payment) -> bytes:
    return draw(gather(payment))


def filename(payment: Payment) -> str:
    return f"receipt-{payment.number.replace('/', '-')}.pdf"
