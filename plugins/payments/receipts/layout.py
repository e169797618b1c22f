"""A receipt on A5 (148 x 210 mm) with fpdf2: parties, the payment, the invoices it settled."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from plugins.payments.receipts.content import Receipt

# DejaVu covers names Latin-1 cannot hold; without it Helvetica replaces those characters.
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
NEXT_LINE = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}


def money(value, currency: str) -> str:
    return f"{value:,.2f} {currency}"


class ReceiptPdf(FPDF):
    def __init__(self, font_dir: Path):
        super().__init__(format=(148, 210))  # A5 in mm
        self.family = self._fonts(font_dir)
        self.set_margins(12, 12, 12)
        self.set_auto_page_break(True, margin=15)
        self.set_creator("Ledgerline")

    def _fonts(self, font_dir: Path) -> str:
        regular, bold = font_dir / "DejaVuSans.ttf", font_dir / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            self.add_font("DejaVu", "", str(regular))
            self.add_font("DejaVu", "B", str(bold))
            return "DejaVu"
        return "Helvetica"

    def safe(self, text: str) -> str:
        if self.family != "Helvetica":
            return text
        return text.encode("latin-1", "replace").decode("latin-1")

    def line(self, text: str, size: float = 9, bold: bool = False, height: float = 5) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.cell(0, height, self.safe(text), **NEXT_LINE)


def _parties(pdf: ReceiptPdf, receipt: Receipt) -> None:
    for title, lines in (("Received by", receipt.company), ("Received from", receipt.customer)):
        pdf.line(title, size=8, bold=True)
        for text in lines:
            pdf.line(text)
        pdf.ln(2)


def _facts(pdf: ReceiptPdf, receipt: Receipt) -> None:
    for label, value in (
        ("Receipt for payment", receipt.number),
        ("Date", receipt.date),
        ("Method", receipt.method),
        ("Reference", receipt.reference),
    ):
        pdf.line(f"{label}: {value}")
    pdf.ln(1)
    pdf.line(f"Amount: {money(receipt.amount, receipt.currency)}", size=12, bold=True, height=7)
    pdf.ln(2)


def _allocations(pdf: ReceiptPdf, receipt: Receipt) -> None:
    pdf.line("Applied to", size=8, bold=True)
    pdf.set_font(pdf.family, "", 9)
    with pdf.table(col_widths=(40, 30, 30), text_align=("LEFT", "RIGHT", "RIGHT")) as table:
        table.row(("Invoice", "Applied", "Balance due"))
        for line in receipt.lines:
            table.row(
                (
                    line.invoice_number,
                    money(line.applied, line.currency),
                    money(line.remaining, line.currency),
                )
            )


def draw(receipt: Receipt, font_dir: Path | None = None) -> bytes:
    pdf = ReceiptPdf(font_dir or DEJAVU)
    pdf.set_title(f"Receipt {receipt.number}")
    pdf.add_page()
    pdf.line("Payment receipt", size=16, bold=True, height=9)
    if receipt.notice:
        pdf.set_text_color(180, 0, 0)
        pdf.line(receipt.notice, size=11, bold=True, height=7)
        pdf.set_text_color(0)
    pdf.ln(2)
    _parties(pdf, receipt)
    _facts(pdf, receipt)
    _allocations(pdf, receipt)
    return bytes(pdf.output())
