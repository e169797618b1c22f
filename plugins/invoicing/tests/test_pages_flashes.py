"""Issue 13: no confirmation after creating or saving a customer, saving an invoice, deleting
a draft or duplicating. Each now says what happened on the page the user lands on."""

import pytest

from plugins.invoicing.tests.test_pages_support import make_draft, make_final, post_form


@pytest.fixture
def signed_in(company, admin, customer, login):
    return login()


def _landing(client, resp) -> str:
    url = resp.headers.get("HX-Redirect") or resp.headers["Location"]
    return client.get(url).get_data(as_text=True)


def test_duplicate_and_delete_say_so(signed_in, company, customer):
    invoice = make_final(company, customer)
    resp = post_form(
        signed_in, f"/invoicing/invoices/{invoice.id}/duplicate", {}, headers={"HX-Request": "true"}
    )
    assert "Copy created as a new draft" in _landing(signed_in, resp)
    draft = make_draft(company, customer)
    resp = post_form(signed_in, f"/invoicing/invoices/{draft.id}/delete", {})
    assert "Draft deleted." in _landing(signed_in, resp)


def test_customer_create_and_save_say_so(signed_in):
    fields = {"name": "Palm Logistics LLC", "country": "AE", "city": "Dubai"}
    resp = post_form(signed_in, "/invoicing/customers/new", fields)
    assert resp.status_code == 303, resp.get_data(as_text=True)[:500]
    assert "Customer Palm Logistics LLC created." in _landing(signed_in, resp)
    customer_url = resp.headers["Location"]
    resp = post_form(signed_in, customer_url + "/edit", {**fields, "city": "Sharjah"})
    assert resp.status_code == 303, resp.get_data(as_text=True)[:500]
    assert "Customer saved." in _landing(signed_in, resp)
