"""PDF receipts: the text a customer reads (pypdf), reversals marked, permissions and tenancy."""

import io

from pypdf import PdfReader

from plugins.payments.tests.helpers import allocation, pay


def _text(resp) -> str:
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    assert resp.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(resp.data))
    # An amount's currency is kept apart by a no-break space, which table cells extract as a
    # plain one: read both as a space.
    return "\n".join(page.extract_text() for page in reader.pages).replace("\xa0", " ")


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
        "Mar 7, 2026",
        "Cheque",
        "CHQ-4471",
        "AED 1,150.00",
        one["number"],
        two["number"],
        "AED 110.00",  # what is still due on the second invoice (210.00 - 100.00)
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
    assert f"{inv['number']} AED 1,000.00 AED 1,100.00" in text
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
    assert "AED 550.00" in original  # what was left right after it (1,050.00 - 500.00)
    mirror = _text(api.get(f"/api/v1/payments/{reversal['id']}/receipt"))
    assert f"REVERSAL of payment {paid['number']}" in mirror and "-AED 500.00" in mirror


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


def test_receipt_in_the_companys_arabic_reads_right_to_left(app, api, invoice_for, company):
    """...and when the payment was recorded is a moment: in the downloading user's time zone,
    else the company's; a receipt drawn without a reader (an e-mail job) uses the company's.
    The payment's date is a date, printed as it is."""
    from datetime import UTC
    from zoneinfo import ZoneInfo

    from core.db import db
    from core.models import User
    from plugins.payments.models import Payment
    from plugins.payments.receipts import render_receipt

    def recorded(zone: str) -> str:  # "Recorded: Mar 8, 2026, 1:30" (Babel's medium date)
        m = payment.created_at.replace(tzinfo=UTC).astimezone(ZoneInfo(zone))
        return f"Recorded: {m:%b} {m.day}, {m.year}, {m.hour % 12 or 12}:{m:%M}"

    company.locale = "ar"
    db.session.commit()
    one = invoice_for("1000.00")
    body = pay(api, allocation(one["id"], "400.00"), method="cheque", date="2026-03-07").get_json()
    text = _text(api.get(f"/api/v1/payments/{body['id']}/receipt"))
    for words in ("إيصال دفع", "استُلم من", "المبلغ", "شيك", "الرصيد المستحق"):
        assert words in text, words
    assert "Payment receipt" not in text and "Cheque" not in text
    # The dirham sign beside each amount (a mixed line is extracted in visual order).
    row = next(line for line in text.splitlines() if one["number"] in line)
    assert "400.00" in row and "650.00" in row and row.count("د.إ") == 2  # 1,050.00 - 400.00
    assert "07\u200f/03\u200f/2026" in text or "2026/\u200f03/\u200f07" in text
    english = _text(api.get(f"/api/v1/payments/{body['id']}/receipt?lang=en"))
    assert "Payment receipt" in english and "AED 400.00" in english

    payment = db.session.get(Payment, body["id"])
    company.timezone = "Asia/Dubai"
    db.session.commit()
    url = f"/api/v1/payments/{body['id']}/receipt?lang=en"
    assert recorded("Asia/Dubai") != recorded("America/New_York")  # 9 hours apart
    text = _text(api.get(url))
    assert recorded("Asia/Dubai") in text and "Date: Mar 7, 2026" in text  # the date as it is
    for user in db.session.scalars(db.select(User).where(User.company_id == company.id)):
        user.timezone = "America/New_York"
    db.session.commit()
    assert recorded("America/New_York") in _text(api.get(url))
    db.session.remove()  # SQLite: this context's open transaction would lock out the next
    with app.app_context():  # a job: no reader, the company's zone
        pdf = render_receipt(db.session.get(Payment, body["id"]), "en")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert recorded("Asia/Dubai") in text.replace("\xa0", " ")
