"""Draft editor: create/edit through the drafts service, inline errors with nothing saved,
finalized invoices refused, live totals with the one totals function."""

import re

import pytest
from sqlalchemy import func, select

from core.api import db
from plugins.invoicing.models import Invoice
from plugins.invoicing.tests.test_pages_support import make_draft, make_final, post_form


@pytest.fixture
def signed_in(company, admin, customer, login):
    return login()


def _lines(*rows):
    data = {}
    for i, row in enumerate(rows):
        for name, value in row.items():
            data[f"lines-{i}-{name}"] = value
    return data


def _count():
    db.session.expire_all()
    return db.session.scalar(select(func.count(Invoice.id)))


def _total(html, name):
    match = re.search(rf'data-total="{name}">(?:<strong>)?([^<]+)<', html)
    return match.group(1).strip() if match else None


def test_editor_page_offers_units_vat_categories_and_live_totals(signed_in, customer):
    html = signed_in.get("/invoicing/invoices/new").get_data(as_text=True)
    assert 'name="lines-0-description"' in html
    assert '<option value="HUR">' in html and '<option value="AE">' in html
    assert f'<option value="{customer.id}">Gulf Buyer LLC</option>' in html
    assert 'hx-post="/invoicing/invoices/totals"' in html
    assert "input changed delay:300ms" in html
    assert 'id="invoice-line-template"' in html and "lines-__index__-description" in html
    arabic = signed_in.get("/invoicing/invoices/new", headers={"Accept-Language": "ar"})
    assert '<option value="">اختر عميلًا…</option>' in arabic.get_data(as_text=True)


def test_totals_endpoint_rounds_half_up_with_decimals(signed_in):
    data = {"currency": "AED", "exchange_rate": "1"}
    data |= _lines(
        {
            "description": "Bolts",
            "quantity": "3",
            "unit_price": "0.335",
            "unit_code": "H87",
            "tax_category": "S",
            "allowance": "0",
        },
        {
            "description": "Export",
            "quantity": "2",
            "unit_price": "10.005",
            "unit_code": "C62",
            "tax_category": "Z",
            "allowance": "0.50",
        },
    )
    resp = post_form(signed_in, "/invoicing/invoices/totals", data, headers={"HX-Request": "true"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "<html" not in html
    # 3 x 0.335 = 1.005 -> 1.01 (half-up, not 1.00); VAT 5 % of 1.01 = 0.0505 -> 0.05
    # 2 x 10.005 = 20.01, less 0.50 allowance = 19.51, zero rated
    assert _total(html, "subtotal") == "AED\u00a020.52"
    assert _total(html, "tax_total") == "AED\u00a00.05"
    assert _total(html, "total") == "AED\u00a020.57"
    assert _total(html, "amount_due") == "AED\u00a020.57"
    # Each line's net goes into its own row (out of band), as a grouped amount.
    assert re.search(r'id="line-net-0" data-line-net="0" hx-swap-oob="true">AED\xa01.01<', html)
    assert re.search(r'id="line-net-1" data-line-net="1" hx-swap-oob="true">AED\xa019.51<', html)
    assert _count() == 0  # a preview saves nothing


def test_totals_name_the_bad_line_and_add_up_the_good_ones(signed_in):
    data = {"currency": "USD", "exchange_rate": "3.6725"}
    data |= _lines(
        {"description": "Ok", "quantity": "1", "unit_price": "100", "tax_category": "S"},
        {"description": "Bad", "quantity": "lots", "unit_price": "5", "tax_category": "S"},
    )
    html = post_form(signed_in, "/invoicing/invoices/totals", data).get_data(as_text=True)
    assert "Line 2, Quantity: is not a number" in html  # the label, not the key
    arabic = {"Accept-Language": "ar"}
    page = post_form(signed_in, "/invoicing/invoices/totals", data, headers=arabic).text
    assert "ليس رقمًا" in page and "is not a number" not in page
    assert _total(html, "total") == "$105.00"
    assert _total(html, "tax_total_aed") == "AED\u00a018.36"  # 5.00 x 3.6725 = 18.3625


def test_bad_input_shows_field_errors_and_saves_nothing(signed_in):
    data = {
        "customer_id": "",
        "issue_date": "2026-02-30",
        "currency": "AED",
        "payment_iban": "AE00 1234",
    }
    data |= _lines(
        {"description": "", "quantity": "abc", "unit_price": "10", "tax_category": "E"},
    )
    resp = post_form(signed_in, "/invoicing/invoices/new", data)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert "nothing was saved" in html
    assert 'id="customer_id-error"' in html and "is required" in html
    assert "must be a date YYYY-MM-DD" in html
    assert "is not a valid IBAN" in html
    assert 'id="lines-0-quantity-error"' in html and "is not a number" in html
    assert "needs an exemption reason" in html
    assert 'value="abc"' in html  # what was typed stays in the form
    assert _count() == 0


def test_create_draft_from_the_editor(signed_in, customer):
    data = {
        "customer_id": str(customer.id),
        "issue_date": "2026-03-01",
        "currency": "AED",
        "exchange_rate": "1",
        "buyer_reference": "PO-1",
    }
    data |= _lines(
        {
            "description": "Design",
            "quantity": "2",
            "unit_price": "250",
            "unit_code": "HUR",
            "tax_category": "S",
            "allowance": "0",
        },
        {
            "description": "Visa fee",
            "quantity": "1",
            "unit_price": "100",
            "unit_code": "C62",
            "tax_category": "O",
            "allowance": "0",
            "exemption_reason": "Government fee",
        },
    )
    resp = post_form(signed_in, "/invoicing/invoices/new", data)
    assert resp.status_code == 303
    invoice = db.session.scalars(select(Invoice)).one()
    assert invoice.status == "DRAFT" and invoice.buyer_reference == "PO-1"
    assert [ln.description for ln in invoice.lines] == ["Design", "Visa fee"]
    assert str(invoice.due_date) == "2026-03-15"  # customer's 14-day terms
    html = signed_in.get(resp.headers["Location"]).get_data(as_text=True)
    assert "AED\xa0625.00" in html  # 500 + 25 VAT + 100 outside scope


def test_edit_a_draft_replaces_its_lines(signed_in, company, customer):
    draft = make_draft(company, customer)
    page = signed_in.get(f"/invoicing/invoices/{draft.id}/edit").get_data(as_text=True)
    assert 'value="Consulting"' in page and 'value="99.99"' in page
    data = {
        "customer_id": str(customer.id),
        "issue_date": "2026-03-01",
        "currency": "AED",
        "exchange_rate": "1",
    }
    data |= _lines(
        {
            "description": "Only line",
            "quantity": "1",
            "unit_price": "10",
            "unit_code": "C62",
            "tax_category": "S",
            "allowance": "0",
        }
    )
    resp = post_form(signed_in, f"/invoicing/invoices/{draft.id}/edit", data)
    assert resp.status_code == 303
    db.session.expire_all()
    assert [ln.description for ln in db.session.get(Invoice, draft.id).lines] == ["Only line"]


def test_editing_a_finalized_invoice_is_refused(signed_in, company, customer):
    invoice = make_final(company, customer)
    resp = signed_in.get(f"/invoicing/invoices/{invoice.id}/edit")
    assert resp.status_code == 409
    assert "only drafts can be edited" in resp.get_data(as_text=True)
    data = {"customer_id": str(customer.id), "issue_date": "2026-03-01"}
    data |= _lines({"description": "Sneaky", "quantity": "1", "unit_price": "1"})
    resp = post_form(signed_in, f"/invoicing/invoices/{invoice.id}/edit", data)
    assert resp.status_code == 409
    db.session.expire_all()
    assert "Sneaky" not in [ln.description for ln in db.session.get(Invoice, invoice.id).lines]
