"""/wallet/requests/<id>: the staff page of one payment request."""

from decimal import Decimal


def test_request_detail_page_from_the_list(api, login, request_for):
    """Staff open a payment request from the requests list: its invoice, state and address."""
    made = request_for("100.00")
    request_id = made["id"]
    invoice = api.get(f"/api/v1/invoices/{made['invoice_id']}").get_json()
    browser = login()
    listing = browser.get("/wallet/requests").get_data(as_text=True)
    assert f"/wallet/requests/{request_id}" in listing
    page = browser.get(f"/wallet/requests/{request_id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert made["address"] in html and invoice["number"] in html
    assert "Nothing received yet." in html
    # The stablecoin amount as a person reads it (grouped, in tokens), the units on hover.
    tokens = Decimal(made["amount_units"]).scaleb(-made["decimals"])
    shown = f"{tokens:,.{made['decimals']}f}".rstrip("0").rstrip(".")
    assert f">{shown} {made['token_currency']}</span>" in html
    assert f"{made['amount_units']} {made['token_currency']}" not in html
    admin = browser.get("/wallet/").get_data(as_text=True)
    assert f">{invoice['number']}</a>" in admin and f">{shown} {made['token_currency']}<" in admin
    listed = browser.get(f"/wallet/requests?q={made['address']}").get_data(as_text=True)
    assert f"{shown} {made['token_currency']}" in listed
    assert browser.get("/wallet/requests/999999").status_code == 404
