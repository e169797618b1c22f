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
