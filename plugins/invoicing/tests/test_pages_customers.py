"""Customers pages: list with search, create/edit with the shared validation, detail."""

import pytest
from sqlalchemy import func, select

from core.api import db
from plugins.invoicing.models import Customer
from plugins.invoicing.tests.test_pages_support import make_customer, make_final, post_form


@pytest.fixture
def signed_in(company, admin, customer, login):
    return login()


def test_list_and_search(signed_in, company):
    make_customer(company, "Desert Rose Trading")
    html = signed_in.get("/invoicing/customers").get_data(as_text=True)
    assert "Gulf Buyer LLC" in html and "Desert Rose Trading" in html
    resp = signed_in.get("/invoicing/customers?q=rose", headers={"HX-Request": "true"})
    html = resp.get_data(as_text=True)
    assert "Desert Rose Trading" in html and "Gulf Buyer LLC" not in html
    assert "<html" not in html and "HX-Request" in resp.headers["Vary"]


def test_bad_identifiers_are_named_and_nothing_is_saved(signed_in):
    data = {
        "name": "",
        "trn": "12345",
        "peppol_id": "0235:999",
        "vat_ids": "123456",
        "country": "XX",
        "email": "not-mail",
        "payment_terms_days": "400",
    }
    resp = post_form(signed_in, "/invoicing/customers/new", data)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    for name in ("name", "trn", "peppol_id", "vat_ids", "country", "email", "payment_terms_days"):
        assert f'id="{name}-error"' in html, name
    assert "15 digits" in html and "0235 (UAE)" in html and "ISO country code" in html
    assert "between 0 and 365" in html and 'value="12345"' in html
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Customer.id))) == 1  # only the fixture's


def test_create_then_edit_customer(signed_in):
    data = {
        "name": "Oasis Foods",
        "trn": "100111222300003",
        "peppol_id": "0235:1001112223",
        "vat_ids": "de136695976, FR40303265045",
        "country": "ae",
        "payment_terms_days": "45",
    }
    resp = post_form(signed_in, "/invoicing/customers/new", data)
    assert resp.status_code == 303
    made = db.session.scalars(select(Customer).where(Customer.name == "Oasis Foods")).one()
    assert made.vat_ids == ["DE136695976", "FR40303265045"] and made.country == "AE"
    assert made.payment_terms_days == 45
    page = signed_in.get(f"/invoicing/customers/{made.id}/edit").get_data(as_text=True)
    assert 'value="DE136695976, FR40303265045"' in page
    resp = post_form(
        signed_in,
        f"/invoicing/customers/{made.id}/edit",
        {**data, "name": "Oasis Foods LLC", "city": "Sharjah", "emirate": "AE-SH"},
    )
    assert resp.status_code == 303
    db.session.expire_all()
    assert db.session.get(Customer, made.id).emirate == "AE-SH"


def test_detail_lists_the_customers_invoices(signed_in, company, customer):
    invoice = make_final(company, customer)
    html = signed_in.get(f"/invoicing/customers/{customer.id}").get_data(as_text=True)
    assert "Gulf Buyer LLC" in html and invoice.number in html and "AED\xa01,679.99" in html


def test_other_companys_customer_is_404(signed_in, make_company):
    rival = make_company(name="Rival LLC", trn="100555555500003")
    theirs = make_customer(rival, "Rival Customer")
    assert signed_in.get(f"/invoicing/customers/{theirs.id}").status_code == 404
    assert signed_in.get(f"/invoicing/customers/{theirs.id}/edit").status_code == 404
