"""/wallet/requests/<id>: the staff page of one payment request."""


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
    assert browser.get("/wallet/requests/999999").status_code == 404
