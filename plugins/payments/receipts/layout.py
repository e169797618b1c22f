"""A receipt on A5 (148 x 210 mm) with fpdf2: parties, the payment, the invoices it settled.

Words through the catalogue, amounts through the locale's formatting, in the language the
caller chose (``core.api.written_in``); in Arabic lines start at the right and the table's
columns run right to left.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from core.api import Mirror, _, format_money, load_fonts
from plugins.payments.receipts.content import Receipt

NEXT_LINE = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}


def money(value, currency: str) -> str:
    return format_money(value, currency)


class ReceiptPdf(FPDF):
    def __init__(self, mirror: Mirror, font_dir: Path | None = None):
        super().__init__(format=(148, 210))  # A5 in mm
        self.mirror = mirror
        # DejaVu covers names Latin-1 cannot hold, and Arabic; without it Helvetica replaces
        # those characters.
        self.family = load_fonts(self, font_dir)
        self.set_margins(12, 12, 12)
        self.set_auto_page_break(True, margin=15)
        self.set_lang("ar" if mirror.rtl else "en")
        self.set_creator("Ledgerline")

    def safe(self, text: str) -> str:
        if self.family != "Helvetica":
            return text
        return text.encode("latin-1", "replace").decode("latin-1")

    def line(self, text: str, size: float = 9, bold: bool = False, height: float = 5) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.cell(0, height, self.safe(text), align=self.mirror.start, **NEXT_LINE)


def _parties(pdf: ReceiptPdf, receipt: Receipt) -> None:
    for title, lines in (
        (_("Received by"), receipt.company),
        (_("Received from"), receipt.customer),
    ):
        pdf.line(title, size=8, bold=True)
        for text in lines:
            pdf.line(text)
        pdf.ln(2)


def _facts(pdf: ReceiptPdf, receipt: Receipt) -> None:
    for label, value in (
        (_("Receipt for payment"), receipt.number),
        (_("Date"), receipt.date),
        (_("Recorded"), receipt.recorded),
        (_("Method"), receipt.method),
        (_("Reference"), receipt.reference),
    ):
        pdf.line(_("%(label)s: %(value)s", label=label, value=value))
    pdf.ln(1)
    amount = _("Amount: %(amount)s", amount=money(receipt.amount, receipt.currency))
    pdf.line(amount, size=12, bold=True, height=7)
    pdf.ln(2)


def _allocations(pdf: ReceiptPdf, receipt: Receipt) -> None:
    mirror = pdf.mirror
    pdf.line(_("Applied to"), size=8, bold=True)
    pdf.set_font(pdf.family, "", 9)
    align = mirror.order(mirror.align(a) for a in ("LEFT", "RIGHT", "RIGHT"))
    with pdf.table(col_widths=(40, 30, 30), text_align=align) as table:
        table.row(mirror.order((_("Invoice"), _("Applied"), _("Balance due"))))
        for line in receipt.lines:
            cells = (
                line.invoice_number,
                money(line.applied, line.currency),
                money(line.remaining, line.currency),
            )
            table.row(mirror.order(cells))


def draw(receipt: Receipt, mirror: Mirror | None = None, font_dir: Path | None = None) -> bytes:
    pdf = ReceiptPdf(mirror or Mirror(rtl=False), font_dir)
    pdf.set_title(_("Receipt %(number)s", number=receipt.number))
    pdf.add_page()
    pdf.line(_("Payment receipt"), size=16, bold=True, height=9)
    if receipt.notice:
        pdf.set_text_color(180, 0, 0)
        pdf.line(receipt.notice, size=11, bold=True, height=7)
        pdf.set_text_color(0)
    pdf.ln(2)
    _parties(pdf, receipt)
    _facts(pdf, receipt)
    _allocations(pdf, receipt)
    return bytes(pdf.output())
