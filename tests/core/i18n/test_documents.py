"""The language a document is written in, and its direction (no database, no PDF)."""

from __future__ import annotations

from types import SimpleNamespace

from core.i18n.documents import Mirror, document_locale


def test_the_link_asks_then_the_company_then_english(app):
    arabic_company = SimpleNamespace(locale="ar")
    with app.test_request_context("/x?lang=en"):
        assert document_locale(arabic_company) == "en"  # ?lang= on the download wins
    with app.test_request_context("/x?lang=xx"):
        assert document_locale(arabic_company) == "ar"  # an unknown language is ignored
    with app.test_request_context("/x", headers={"Accept-Language": "ar"}):
        assert document_locale(SimpleNamespace(locale=None)) == "en"  # not the reader's
    with app.app_context():  # a job e-mailing an invoice: no request at all
        assert document_locale(arabic_company) == "ar"
        assert document_locale(None) == "en"


def test_arabic_documents_are_mirrored():
    rtl, ltr = Mirror.of("ar"), Mirror.of("en")
    assert (rtl.start, rtl.end, ltr.start, ltr.end) == ("R", "L", "L", "R")
    assert rtl.order(("#", "Description", "Net")) == ("Net", "Description", "#")
    assert ltr.order(("#", "Description")) == ("#", "Description")
    assert [rtl.align(a) for a in ("LEFT", "RIGHT", "CENTER")] == ["RIGHT", "LEFT", "CENTER"]
