"""PDF of an invoice or credit note (fpdf2), with a QR code carrying its hash.

Written in the company's document language (``core.api.document_locale``: the download's
``?lang=``, else the company's default language, else English), Arabic right to left; when it
was finalized: in the reader's time zone, else the company's (``core.api.document_timezone``).
"""

from __future__ import annotations

from core.api import Company, Mirror, db, document_locale, document_timezone, written_in
from plugins.invoicing.models import Invoice
from plugins.invoicing.pdf.content import gather
from plugins.invoicing.pdf.layout import draw
from plugins.invoicing.pdf.qr import payload as qr_payload

__all__ = ["filename", "qr_payload", "render_pdf"]


def render_pdf(invoice: Invoice, locale: str | None = None) -> bytes:
    company = db.session.get(Company, invoice.company_id)
    chosen = document_locale(company, locale)
    with written_in(chosen, document_timezone(company)):
        return draw(gather(invoice), Mirror.of(chosen))


def filename(invoice: Invoice) -> str:
    label = invoice.number or f"draft-{invoice.id}"
    return label.replace("/", "-") + ".pdf"
