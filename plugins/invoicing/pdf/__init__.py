"""PDF of an invoice or credit note (fpdf2), with a QR code carrying its hash."""

from __future__ import annotations

from plugins.invoicing.models import Invoice
from plugins.invoicing.pdf.content import gather
from plugins.invoicing.pdf.layout import draw
from plugins.invoicing.pdf.qr import payload as qr_payload

__all__ = ["filename", "qr_payload", "render_pdf"]


def render_pdf(invoice: Invoice) -> bytes:
    return draw(gather(invoice))


def filename(invoice: Invoice) -> str:
    label = invoice.number or f"draft-{invoice.id}"
    return label.replace("/", "-") + ".pdf"
