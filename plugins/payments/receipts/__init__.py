"""PDF receipt of a payment (fpdf2): who paid whom, how much, and which invoices it settled.

Written in the company's document language (``core.api.document_locale``: the download's
``?lang=``, else the company's default language, else English), Arabic right to left; when it
was recorded: in the reader's time zone, else the company's (``core.api.document_timezone``).
"""

from __future__ import annotations

from core.api import Company, Mirror, db, document_locale, document_timezone, written_in
from plugins.payments.models import Payment
from plugins.payments.receipts.content import gather
from plugins.payments.receipts.layout import draw

__all__ = ["filename", "render_receipt"]


def render_receipt(payment: Payment, locale: str | None = None) -> bytes:
    company = db.session.get(Company, payment.company_id)
    chosen = document_locale(company, locale)
    with written_in(chosen, document_timezone(company)):
        return draw(gather(payment), Mirror.of(chosen))


def filename(payment: Payment) -> str:
    return f"receipt-{payment.number.replace('/', '-')}.pdf"
