"""PDF receipts: the text a customer reads (pypdf), reversals marked, permissions and tenancy."""

import io

from pypdf import PdfReader

from plugins.payments.tests.helpers import allocation, pay


def _text(resp) -> str:
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    assert resp.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(resp.data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_receipt_names_parties_payment_and_invoices_with_balances(api, invoice_for):
    one, two = invoice_for("1000.00"), invoice_for("200.00")
    body = pay(
        api,
        allocation(one["id"], "1050.00"),
        allocation(two["id"], "100.00"),
        method="cheque",
        reference="CHQ-4471",
        date="2026-03-07",
    ).get_json()
    resp = api.get(f"/api/v1/payments/{body['id']}/receipt")
    assert body["number"].replace("/", "-") in resp.headers["Content-Disposition"]
    text = _text(resp)
    for expected in (
        "Acme Trading LLC",
        "Gulf Buyer LLC",
        body["number"],
        "2026-03-07",
        "Cheque",
        "CHQ-4471",
        "1,150.00 AED",
        one["number"],
        two["number"],
        "110.00 AED",  # what is still due on the second invoice (210.00 - 100.00)
    ):
        assert expected in text, expected
    assert "REVERSED" not in text


def test_receipt_shows_the_balance_right_after_that_payment_not_today(
    api, invoice_for, client, login
):
    """Issue 13: a 1,000.00 partial payment's receipt read "Balance due 0.00" once a later
    payment had settled the invoice. It shows what was left right after it, on the PDF and on
    the payment's page."""
    inv = invoice_for("2000.00")  # 2,100.00 with VAT
    first = pay(api, allocation(inv["id"], "1000.00")).get_json()
    pay(api, allocation(inv["id"], "1100.00"))
    text = _text(api.get(f"/api/v1/payments/{first['id']}/receipt"))
    assert f"{inv['number']} 1,000.00 AED 1,100.00 AED" in text
    assert api.get(f"/api/v1/invoices/{inv['id']}").get_json()["amount_due"] == "0.00"
    login()
    page = client.get(f"/payments/{first['id']}").get_data(as_text=True)
    assert "Balance after this payment" in page
    assert '<td class="ll-num" data-balance-after>AED\xa01,100.00</td>' in page


def test_reversed_payment_and_its_reversal_say_so(api, invoice_for):
    inv = invoice_for("1000.00")
    paid = pay(api, allocation(inv["id"], "500.00")).get_json()
    reversal = api.post(f"/api/v1/payments/{paid['id']}/reverse").get_json()
    original = _text(api.get(f"/api/v1/payments/{paid['id']}/receipt"))
    assert f"REVERSED by {reversal['number']}" in original
    assert "550.00 AED" in original  # what was left right after it (1,050.00 - 500.00)
    mirror = _text(api.get(f"/api/v1/payments/{reversal['id']}/receipt"))
    assert f"REVERSAL of payment {paid['number']}" in mirror and "-500.00 AED" in mirror


def test_receipt_needs_read_permission_and_hides_other_companies(
    api, invoice_for, make_company, make_user, api_token, client
):
    from plugins.invoicing.tests.helpers import Api

    paid = pay(api, allocation(invoice_for("10.00")["id"], "10.00")).get_json()
    other = make_company(name="Other LLC", trn="100555555500003")
    stranger = Api(client, api_token(make_user(email="boss@other.ae", company=other)))
    resp = stranger.get(f"/api/v1/payments/{paid['id']}/receipt")
    assert resp.status_code == 404 and resp.get_json()["error"]["code"] == "not_found"
    assert client.get(f"/api/v1/payments/{paid['id']}/receipt").status_code == 401
