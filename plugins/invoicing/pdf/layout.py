"""Drawing the invoice on A4 with fpdf2: header, parties, lines, VAT breakdown, totals, QR."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from plugins.einvoice.public import Party
from plugins.invoicing.pdf import qr
from plugins.invoicing.pdf.content import (
    PdfContent,
    category_label,
    money,
    quantity,
    unit_price,
)

# DejaVu covers far more than Latin-1 (names with accents, Cyrillic, ...); without it the PDF
# falls back to Helvetica and replaces what Latin-1 cannot hold instead of failing.
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
GREY = 110


class InvoicePdf(FPDF):
    def __init__(self, content: PdfContent, font_dir: Path | None = None):
        super().__init__(format="A4")
        self.content = content
        self.family = _load_fonts(self, font_dir or DEJAVU)
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=20)
        self.set_title(f"{content.title} {content.document.number}")
        self.set_creator("Ledgerline")

    def header(self):
        if self.content.draft:
            self._watermark()

    def footer(self):
        self.set_y(-14)
        self.use_font(7, color=GREY)
        self.cell(0, 5, f"{self.content.document.number} - page {self.page_no()}/{{nb}}")
        self.set_text_color(0)

    def text_safe(self, text: str) -> str:
        if self.family != "Helvetica":
            return text
        return text.encode("latin-1", "replace").decode("latin-1")

    def use_font(self, size: float, bold: bool = False, color: int = 0):
        self.set_font(self.family, "B" if bold else "", size)
        self.set_text_color(color)

    def _watermark(self):
        # Drawn first on each page, in light grey, so the figures stay readable over it.
        x, y = self.w / 2 - 70, self.h / 2 + 40
        self.use_font(110, bold=True, color=225)
        with self.rotation(45, x=self.w / 2, y=self.h / 2):
            self.text(x, y, "DRAFT")
        self.set_text_color(0)


def _load_fonts(pdf: FPDF, font_dir: Path) -> str:
    regular, bold = font_dir / "DejaVuSans.ttf", font_dir / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        return "DejaVu"
    return "Helvetica"


def draw(content: PdfContent, font_dir: Path | None = None) -> bytes:
    pdf = InvoicePdf(content, font_dir)
    pdf.alias_nb_pages()
    pdf.add_page()
    _title(pdf)
    _parties(pdf)
    _lines(pdf)
    _vat_breakdown(pdf)
    _totals(pdf)
    _payment(pdf)
    _verification(pdf)
    return bytes(pdf.output())


def _row(pdf: InvoicePdf, label: str, value: str, width: float = 40):
    pdf.use_font(9, color=GREY)
    pdf.cell(width, 5, pdf.text_safe(label))
    pdf.use_font(9)
    pdf.cell(0, 5, pdf.text_safe(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _title(pdf: InvoicePdf):
    doc = pdf.content.document
    pdf.use_font(20, bold=True)
    pdf.cell(0, 10, pdf.content.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _row(pdf, "Number", "DRAFT (not yet numbered)" if pdf.content.draft else doc.number)
    _row(pdf, "Issue date", doc.issue_date.isoformat())
    if doc.due_date:
        _row(pdf, "Due date", doc.due_date.isoformat())
    _row(pdf, "Currency", doc.currency)
    if doc.preceding_invoice:
        _row(pdf, "Corrects invoice", doc.preceding_invoice.number)
    for label, value in (("Buyer reference", doc.buyer_reference), ("Order", doc.order_reference)):
        if value:
            _row(pdf, label, value)
    pdf.ln(4)


def _party_lines(party: Party) -> list[str]:
    place = " ".join(p for p in (party.postal_code, party.city) if p)
    lines = [*party.address_lines, ", ".join(p for p in (place, party.country) if p)]
    if party.trn:
        lines.append(f"TRN {party.trn}")
    if party.vat_id:
        lines.append(f"VAT ID {party.vat_id}")
    if party.email:
        lines.append(party.email)
    return lines


def _parties(pdf: InvoicePdf):
    doc, top, half = pdf.content.document, pdf.get_y(), (pdf.w - 30) / 2
    bottom = top
    for column, (label, party) in enumerate((("Seller", doc.seller), ("Buyer", doc.buyer))):
        pdf.set_xy(15 + column * half, top)
        pdf.use_font(8, bold=True, color=GREY)
        pdf.cell(half, 5, label.upper(), new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.use_font(11, bold=True)
        pdf.multi_cell(half - 4, 5.5, pdf.text_safe(party.name), new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.use_font(9)
        for line in _party_lines(party):
            pdf.cell(half, 4.5, pdf.text_safe(line), new_x=XPos.LEFT, new_y=YPos.NEXT)
        bottom = max(bottom, pdf.get_y())
    pdf.set_xy(15, bottom + 6)


def _table(pdf: InvoicePdf, heading: tuple[str, ...], rows, widths, align):
    pdf.use_font(8.5)
    with pdf.table(
        col_widths=widths,
        text_align=align,
        line_height=5,
        first_row_as_headings=True,
        headings_style=FontFace(emphasis="BOLD", color=GREY),
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        head = table.row()
        for text in heading:
            head.cell(text)
        for values in rows:
            row = table.row()
            for text in values:
                row.cell(pdf.text_safe(text))
    pdf.ln(4)


def _lines(pdf: InvoicePdf):
    content = pdf.content
    rows = [
        (
            line.id,
            line.description,
            quantity(line.quantity),
            line.unit_code,
            unit_price(line.unit_price),
            money(line.allowance) if line.allowance else "",
            f"{line.tax_category} {line.tax_rate.normalize():f}%",
            money(net),
        )
        for line, net in zip(content.document.lines, content.totals.line_nets, strict=True)
    ]
    heading = ("#", "Description", "Qty", "Unit", "Unit price", "Discount", "VAT", "Net amount")
    align = ("LEFT", "LEFT", "RIGHT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT")
    _table(pdf, heading, rows, (7, 63, 15, 12, 24, 18, 18, 25), align)


def _vat_breakdown(pdf: InvoicePdf):
    currency = pdf.content.document.currency
    rows = [
        (
            f"{group.category} - {category_label(group.category)}",
            f"{group.rate.normalize():f}%",
            money(group.taxable),
            money(group.tax),
            group.exemption_reason or "",
        )
        for group in pdf.content.totals.groups
    ]
    pdf.use_font(10, bold=True)
    pdf.cell(0, 6, "VAT breakdown", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    heading = ("Category", "Rate", f"Taxable ({currency})", f"VAT ({currency})", "Reason")
    align = ("LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT")
    _table(pdf, heading, rows, (50, 18, 32, 28, 52), align)


def _total_row(pdf: InvoicePdf, label: str, value: str, bold: bool = False):
    pdf.set_x(pdf.w - 15 - 100)
    pdf.use_font(10, bold=bold)
    pdf.cell(60, 6, label, align="R")
    pdf.cell(40, 6, value, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _totals(pdf: InvoicePdf):
    content, cur = pdf.content, pdf.content.document.currency
    figures = content.totals
    _total_row(pdf, "Total excluding VAT", f"{money(figures.subtotal)} {cur}")
    _total_row(pdf, "VAT", f"{money(figures.tax_total)} {cur}")
    if figures.tax_total_accounting is not None:
        # UAE: VAT must also be stated in dirhams when the invoice is in another currency.
        _total_row(pdf, "VAT in AED", f"{money(figures.tax_total_accounting)} AED")
    _total_row(pdf, "Total including VAT", f"{money(figures.total)} {cur}", bold=True)
    _total_row(pdf, "Amount due", f"{money(content.amount_due)} {cur}", bold=True)
    pdf.ln(4)


def _payment(pdf: InvoicePdf):
    doc = pdf.content.document
    means = doc.payment_means
    if means and means.iban:
        pdf.use_font(10, bold=True)
        pdf.cell(0, 6, "Payment", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        _row(pdf, "Bank transfer to IBAN", _grouped(means.iban), width=45)
        if not pdf.content.draft:
            _row(pdf, "Reference", doc.number, width=45)
    for note in doc.notes:
        pdf.use_font(9)
        pdf.multi_cell(0, 4.5, pdf.text_safe(note), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


def _grouped(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def _verification(pdf: InvoicePdf):
    content = pdf.content
    if content.qr_text is None:
        pdf.use_font(9, color=GREY)
        pdf.multi_cell(0, 4.5, "Draft: not a valid tax document. It has no number and no hash.")
        return
    if pdf.get_y() > pdf.h - 60:
        pdf.add_page()
    top = pdf.get_y()
    pdf.image(qr.png(content.qr_text), x=15, y=top, w=32, h=32, alt_text="Verification QR")
    pdf.set_xy(52, top + 4)
    pdf.use_font(9, bold=True)
    pdf.cell(0, 5, "Verify this document", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.use_font(7.5, color=GREY)
    pdf.multi_cell(0, 4, f"SHA-256 {content.hash}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_text_color(0)
