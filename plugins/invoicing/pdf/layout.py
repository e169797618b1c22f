"""Drawing the invoice on A4 with fpdf2: header, parties, lines, VAT breakdown, totals, QR.

Every word goes through the catalogue and every figure through the locale's formatting; the
caller chooses the language (``core.api.written_in``). In Arabic the page is mirrored: labels
start at the right, the seller stands on the right, table columns run right to left.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from core.api import Mirror, _, format_date, load_fonts
from plugins.einvoice.public import Party
from plugins.invoicing.pdf import qr
from plugins.invoicing.pdf.content import (
    PdfContent,
    category_label,
    money,
    quantity,
    unit_label,
    unit_price,
)

GREY = 110
NEXT = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}


class InvoicePdf(FPDF):
    def __init__(self, content: PdfContent, mirror: Mirror, font_dir: Path | None = None):
        super().__init__(format="A4")
        self.content = content
        self.mirror = mirror
        # DejaVu covers far more than Latin-1 (accents, Cyrillic, Arabic); without it the PDF
        # falls back to Helvetica and replaces what Latin-1 cannot hold instead of failing.
        self.family = load_fonts(self, font_dir)
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=20)
        self.set_title(f"{content.title} {content.document.number or ''}".strip())
        self.set_lang("ar" if mirror.rtl else "en")
        self.set_creator("Ledgerline")

    def header(self):
        if self.content.draft:
            self._watermark()

    def footer(self):
        self.set_y(-14)
        self.use_font(7, color=GREY)
        number = self.content.document.number or _("DRAFT")
        self.cell(0, 5, _("%(number)s - page %(page)s", number=number, page=self.page_no()))
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
            self.text(x, y, self.text_safe(_("DRAFT")))
        self.set_text_color(0)


def draw(content: PdfContent, mirror: Mirror | None = None, font_dir: Path | None = None) -> bytes:
    pdf = InvoicePdf(content, mirror or Mirror(rtl=False), font_dir)
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
    """A label and its value, the label where a line starts."""
    cells = [(width, label, GREY), (pdf.epw - width, value, 0)]
    for cell_width, text, color in pdf.mirror.order(cells):
        pdf.use_font(9, color=color)
        pdf.cell(cell_width, 5, pdf.text_safe(text), align=pdf.mirror.start)
    pdf.set_text_color(0)
    pdf.ln(5)


def _title(pdf: InvoicePdf):
    doc = pdf.content.document
    pdf.use_font(20, bold=True)
    pdf.cell(0, 10, pdf.text_safe(pdf.content.title), align=pdf.mirror.start, **NEXT)
    _row(pdf, _("Number"), _("DRAFT (not yet numbered)") if pdf.content.draft else doc.number)
    _row(pdf, _("Issue date"), format_date(doc.issue_date))
    if pdf.content.finalized:
        _row(pdf, _("Finalized on"), pdf.content.finalized)
    if doc.due_date:
        _row(pdf, _("Due date"), format_date(doc.due_date))
    _row(pdf, _("Currency"), doc.currency)
    if doc.preceding_invoice:
        _row(pdf, _("Corrects invoice"), doc.preceding_invoice.number)
    references = ((_("Buyer reference"), doc.buyer_reference), (_("Order"), doc.order_reference))
    for label, value in references:
        if value:
            _row(pdf, label, value)
    pdf.ln(4)


def _party_lines(party: Party) -> list[str]:
    place = " ".join(p for p in (party.postal_code, party.city) if p)
    lines = [*party.address_lines, ", ".join(p for p in (place, party.country) if p)]
    if party.trn:
        lines.append(f"TRN {party.trn}")
    if party.vat_id:
        lines.append(_("VAT ID %(id)s", id=party.vat_id))
    if party.email:
        lines.append(party.email)
    return lines


def _parties(pdf: InvoicePdf):
    doc, top, half = pdf.content.document, pdf.get_y(), (pdf.w - 30) / 2
    bottom = top
    columns = pdf.mirror.order(((_("Seller"), doc.seller), (_("Buyer"), doc.buyer)))
    align = pdf.mirror.start
    for column, (label, party) in enumerate(columns):
        pdf.set_xy(15 + column * half, top)
        pdf.use_font(8, bold=True, color=GREY)
        pdf.cell(half - 4, 5, label.upper(), align=align, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.use_font(11, bold=True)
        pdf.multi_cell(
            half - 4, 5.5, pdf.text_safe(party.name), align=align, new_x=XPos.LEFT, new_y=YPos.NEXT
        )
        pdf.use_font(9)
        for line in _party_lines(party):
            pdf.cell(
                half - 4, 4.5, pdf.text_safe(line), align=align, new_x=XPos.LEFT, new_y=YPos.NEXT
            )
        bottom = max(bottom, pdf.get_y())
    pdf.set_xy(15, bottom + 6)


def _table(pdf: InvoicePdf, heading: tuple[str, ...], rows, widths, align):
    mirror = pdf.mirror
    pdf.use_font(8.5)
    with pdf.table(
        col_widths=mirror.order(widths),
        text_align=mirror.order(mirror.align(a) for a in align),
        line_height=5,
        first_row_as_headings=True,
        headings_style=FontFace(emphasis="BOLD", color=GREY),
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        head = table.row()
        for text in mirror.order(heading):
            head.cell(pdf.text_safe(text))
        for values in rows:
            row = table.row()
            for text in mirror.order(values):
                row.cell(pdf.text_safe(text))
    pdf.ln(4)


def _lines(pdf: InvoicePdf):
    content = pdf.content
    rows = [
        (
            line.id,
            line.description,
            quantity(line.quantity),
            unit_label(line.unit_code),
            unit_price(line.unit_price),
            money(line.allowance) if line.allowance else "",
            f"{category_label(line.tax_category)} {quantity(line.tax_rate)}%",
            money(net),
        )
        for line, net in zip(content.document.lines, content.totals.line_nets, strict=True)
    ]
    heading = (
        "#",
        _("Description"),
        _("Qty"),
        _("Unit"),
        _("Unit price"),
        _("Discount"),
        _("VAT"),
        _("Net amount"),
    )
    align = ("LEFT", "LEFT", "RIGHT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT")
    _table(pdf, heading, rows, (7, 55, 15, 16, 24, 18, 26, 25), align)


def _vat_breakdown(pdf: InvoicePdf):
    currency = pdf.content.document.currency
    rows = [
        (
            f"{group.category} - {category_label(group.category)}",
            f"{quantity(group.rate)}%",
            money(group.taxable),
            money(group.tax),
            group.exemption_reason or "",
        )
        for group in pdf.content.totals.groups
    ]
    pdf.use_font(10, bold=True)
    pdf.cell(0, 6, _("VAT breakdown"), align=pdf.mirror.start, **NEXT)
    heading = (
        _("Category"),
        _("Rate"),
        _("Taxable (%(currency)s)", currency=currency),
        _("VAT (%(currency)s)", currency=currency),
        _("Reason"),
    )
    align = ("LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT")
    _table(pdf, heading, rows, (50, 18, 32, 28, 52), align)


def _total_row(pdf: InvoicePdf, label: str, value: str, bold: bool = False):
    """Totals stand at the end of the line: at the right in English, at the left in Arabic."""
    mirror = pdf.mirror
    pdf.set_x(15 if mirror.rtl else pdf.w - 15 - 100)
    pdf.use_font(10, bold=bold)
    for width, text in mirror.order(((60, label), (40, value))):
        pdf.cell(width, 6, pdf.text_safe(text), align=mirror.end)
    pdf.ln(6)


def _totals(pdf: InvoicePdf):
    content, cur = pdf.content, pdf.content.document.currency
    figures = content.totals
    _total_row(pdf, _("Total excluding VAT"), money(figures.subtotal, cur))
    _total_row(pdf, _("VAT"), money(figures.tax_total, cur))
    if figures.tax_total_accounting is not None:
        # UAE: VAT must also be stated in dirhams when the invoice is in another currency.
        _total_row(pdf, _("VAT in AED"), money(figures.tax_total_accounting, "AED"))
    _total_row(pdf, _("Total including VAT"), money(figures.total, cur), bold=True)
    _total_row(pdf, _("Amount due"), money(content.amount_due, cur), bold=True)
    pdf.ln(4)


def _payment(pdf: InvoicePdf):
    doc = pdf.content.document
    means = doc.payment_means
    if means and means.iban:
        pdf.use_font(10, bold=True)
        pdf.cell(0, 6, _("Payment"), align=pdf.mirror.start, **NEXT)
        _row(pdf, _("Bank transfer to IBAN"), _grouped(means.iban), width=45)
        if not pdf.content.draft:
            _row(pdf, _("Reference"), doc.number, width=45)
    for note in doc.notes:
        pdf.use_font(9)
        pdf.multi_cell(0, 4.5, pdf.text_safe(note), align=pdf.mirror.start, **NEXT)
    pdf.ln(3)


def _grouped(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def _verification(pdf: InvoicePdf):
    content = pdf.content
    if content.qr_text is None:
        pdf.use_font(9, color=GREY)
        text = _("Draft: not a valid tax document. It has no number and no hash.")
        pdf.multi_cell(0, 4.5, pdf.text_safe(text), align=pdf.mirror.start)
        return
    if pdf.get_y() > pdf.h - 60:
        pdf.add_page()
    top = pdf.get_y()
    image_x, text_x = (pdf.w - 15 - 32, 15) if pdf.mirror.rtl else (15, 52)
    pdf.image(qr.png(content.qr_text), x=image_x, y=top, w=32, h=32, alt_text="QR")
    width = pdf.w - 15 - 52
    pdf.set_xy(text_x, top + 4)
    pdf.use_font(9, bold=True)
    pdf.cell(width, 5, _("Verify this document"), align=pdf.mirror.start, new_x=XPos.LEFT,
             new_y=YPos.NEXT)  # fmt: skip
    pdf.use_font(7.5, color=GREY)
    pdf.multi_cell(width, 4, f"SHA-256 {content.hash}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_text_color(0)
