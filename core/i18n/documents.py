"""Documents (invoice PDFs, payment receipts) in a language of their own, right to left too.

**Which language.** A document goes to someone outside the company (a customer, an auditor),
so it speaks the company's document language: the one asked for on the download link
(``?lang=ar``), else the company's default language (its profile), else English. The reader's
own page language does not change what the company sends out, and an e-mailed PDF (written by
a job, with no reader) says the same as one downloaded. ``written_in(locale)`` switches
``_()``, ``format_money`` and ``format_date`` to it for the drawing.

**Which time zone.** A moment on a document (when a payment was recorded, when an invoice was
finalized) is written in the reader's time zone when a signed-in user downloads it (their own
setting), else in the company's (its profile), else UTC: an e-mailed PDF, written by a job,
uses the company's. ``written_in(locale, zone)`` switches ``format_datetime`` to it. Dates
that are dates (issue, due, payment date) are printed as they are, in no zone.

**Arabic.** fpdf2 draws right-to-left text in logical order with its bidi algorithm and joins
Arabic letters through HarfBuzz (``uharfbuzz``, pinned) when text shaping is on. DejaVu Sans
(Debian ``fonts-dejavu-core``, already the PDFs' font) carries the Arabic glyphs and the
joining tables. ``Mirror`` answers the layout's left/right questions for the direction.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from flask import g, has_app_context, has_request_context, request
from flask_babel import force_locale, get_timezone

from core.i18n.selection import DEFAULT_LOCALE, LOCALES

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
QUERY_PARAMETER = "lang"


def document_locale(company=None, requested: str | None = None) -> str:
    """The language a document of ``company`` is written in (see the module's docstring)."""
    if requested is None and has_request_context():
        requested = request.args.get(QUERY_PARAMETER)
    if requested in LOCALES:
        return requested
    chosen = getattr(company, "locale", None)
    return chosen if chosen in LOCALES else DEFAULT_LOCALE


def document_timezone(company=None) -> str | None:
    """The time zone a document of ``company`` shows moments in (see the module's docstring)."""
    from core.i18n.selection import select_timezone

    reader = select_timezone() if has_request_context() else None
    return reader or getattr(company, "timezone", None) or None


@contextmanager
def written_in(locale: str, zone: str | None = None):
    """Translate and format in ``locale`` (and show moments in ``zone``, if given) inside the
    block (needs an app context)."""
    with force_locale(locale), _timezone(zone):
        yield


@contextmanager
def _timezone(zone: str | None):
    """Flask-Babel keeps the chosen zone on ``g`` for the request: swap it for the block."""
    babel = g.get("_flask_babel") if zone and has_app_context() else None
    if zone and babel is None and has_app_context():
        get_timezone()  # makes Flask-Babel's namespace on g
        babel = g.get("_flask_babel")
    if babel is None:
        yield
        return
    before = getattr(babel, "babel_tzinfo", None)
    babel.babel_tzinfo = ZoneInfo(zone)
    try:
        yield
    finally:
        babel.babel_tzinfo = before


@dataclass(frozen=True)
class Mirror:
    """Left and right as a document in ``locale`` reads them."""

    rtl: bool

    @classmethod
    def of(cls, locale: str) -> Mirror:
        return cls(Locale.parse(locale).character_order == "right-to-left")

    @property
    def start(self) -> str:
        """Where a line of text begins: "L" in English, "R" in Arabic."""
        return "R" if self.rtl else "L"

    @property
    def end(self) -> str:
        return "L" if self.rtl else "R"

    def align(self, value: str) -> str:
        """A table column's ``LEFT``/``RIGHT`` (or ``L``/``R``) for this direction."""
        if not self.rtl:
            return value
        swapped = {"LEFT": "RIGHT", "RIGHT": "LEFT", "L": "R", "R": "L"}
        return swapped.get(value, value)

    def order(self, items):
        """Columns in reading order: first at the left in English, at the right in Arabic."""
        return tuple(reversed(tuple(items))) if self.rtl else tuple(items)


def load_fonts(pdf, font_dir: Path | None = None) -> str:
    """Add DejaVu Sans (regular, bold) with text shaping; Helvetica when it is missing."""
    folder = font_dir or DEJAVU
    regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
    if not (regular.is_file() and bold.is_file()):
        return "Helvetica"
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.set_text_shaping(True)  # Arabic letters joined, mixed directions ordered
    return "DejaVu"
