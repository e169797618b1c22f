"""The invoice page in Arabic: right to left, Arabic words, labels and Arabic-formatted amounts."""

import re

import pytest

from plugins.invoicing.tests.test_pages_support import make_draft

RLM = "\u200f"


@pytest.fixture
def signed_in(company, admin, customer, login):
    return login()


def test_invoice_page_in_arabic(signed_in, company, customer):
    draft = make_draft(company, customer)
    html = signed_in.get(
        f"/invoicing/invoices/{draft.id}", headers={"Accept-Language": "ar"}
    ).get_data(as_text=True)
    assert re.search(r"<html[^>]*>", html).group(0) == '<html lang="ar" dir="rtl">'
    assert "المجموع الفرعي" in html and "الإجمالي" in html  # Subtotal, Total
    assert f"{RLM}1,679.99\xa0د.إ.{RLM}" in html  # the dirham sign after the amount
    assert "النسبة الأساسية" in html  # VAT category S by its Arabic label
    assert "E+" not in html and "1.5E" not in html
    english = signed_in.get(f"/invoicing/invoices/{draft.id}", headers={"Accept-Language": "en"})
    assert "AED\xa01,679.99" in english.get_data(as_text=True)


def test_record_pages_in_arabic_name_actions_fields_and_codes(signed_in, company, customer):
    """The action bar, the customer card and the customer page speak Arabic, and the codes
    behind them (country, registration type) are shown by their Arabic names."""
    from core.api import db

    customer.legal_id_type, customer.legal_id = "CD", "CD-77"
    db.session.commit()
    draft = make_draft(company, customer)
    invoice = signed_in.get(
        f"/invoicing/invoices/{draft.id}", headers={"Accept-Language": "ar"}
    ).get_data(as_text=True)
    for english in (">Delete draft<", ">Duplicate<", ">Finalize<", ">TRN<", ">Peppol ID<"):
        assert english not in invoice
    assert "حذف المسودة" in invoice  # Delete draft
    page = signed_in.get(
        f"/invoicing/customers/{customer.id}", headers={"Accept-Language": "ar"}
    ).get_data(as_text=True)
    for english in (">Payment terms<", ">Address<", ">Legal registration<", "Cabinet", " days"):
        assert english not in page
    assert "الإمارات العربية المتحدة" in page  # country AE by its name
    assert "قرار مجلس الوزراء" in page  # CD: cabinet decision
