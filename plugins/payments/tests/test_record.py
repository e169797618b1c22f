"""Recording payments: invoices move to partial and paid by themselves; bad payments refused."""

from core.api import db
from plugins.payments.tests.helpers import allocation, pay


def _invoice(api, inv_id):
    db.session.expire_all()
    return api.get(f"/api/v1/invoices/{inv_id}").get_json()


def test_partial_then_full_payment_moves_payment_status(api, invoice_for):
    inv = invoice_for("1000.00")
    assert (inv["total"], inv["amount_due"], inv["payment_status"]) == (
        "1050.00",
        "1050.00",
        "unpaid",
    )

    first = pay(api, allocation(inv["id"], "400.00"), reference="TT-1")
    assert first.status_code == 201, first.get_json()
    body = first.get_json()
    assert body["number"].startswith("PAY/")
    assert body["amount"] == "400.00" and body["status"] == "posted"
    assert body["allocations"] == [{"invoice_id": inv["id"], "amount": "400.00", "refund_id": None}]
    after = _invoice(api, inv["id"])
    assert (after["amount_due"], after["payment_status"]) == ("650.00", "partial")

    pay(api, allocation(inv["id"], "650.00"))
    after = _invoice(api, inv["id"])
    assert (after["amount_due"], after["payment_status"]) == ("0.00", "paid")


def test_one_payment_settles_two_invoices(api, invoice_for):
    a, b = invoice_for("100.00"), invoice_for("200.00")
    resp = pay(api, allocation(a["id"], "105.00"), allocation(b["id"], "100.00"))
    assert resp.status_code == 201
    assert resp.get_json()["amount"] == "205.00"
    assert _invoice(api, a["id"])["payment_status"] == "paid"
    assert _invoice(api, b["id"])["amount_due"] == "110.00"


def test_numbers_are_gapless_even_after_a_refused_payment(api, invoice_for):
    inv = invoice_for("1000.00")
    numbers = [pay(api, allocation(inv["id"], "10.00")).get_json()["number"]]
    assert pay(api, allocation(inv["id"], "5000.00")).status_code == 422
    numbers.append(pay(api, allocation(inv["id"], "10.00")).get_json()["number"])
    year = numbers[0].split("/")[1]
    assert numbers == [f"PAY/{year}/00001", f"PAY/{year}/00002"]


def test_draft_void_and_credit_notes_are_not_payable(api, invoice_for):
    draft = invoice_for(finalize=False)
    resp = pay(api, allocation(draft["id"], "10.00"))
    assert resp.status_code == 409
    assert resp.get_json()["error"]["code"] == "invoice_not_payable"
    assert "DRAFT" in resp.get_json()["error"]["message"]

    void = invoice_for()
    api.post(f"/api/v1/invoices/{void['id']}/void")
    assert pay(api, allocation(void["id"], "10.00")).get_json()["error"]["code"] == (
        "invoice_not_payable"
    )

    live = invoice_for()
    credit = api.post(
        f"/api/v1/invoices/{live['id']}/credit-notes", json={"credit_reason": "DL8.61.1.A"}
    ).get_json()
    api.post(f"/api/v1/invoices/{credit['id']}/finalize")
    resp = pay(api, allocation(credit["id"], "10.00"))
    assert resp.get_json()["error"]["code"] == "invoice_not_payable"
    assert api.get("/api/v1/payments").get_json()["pagination"]["total"] == 0


def test_overpayment_is_refused_and_nothing_changes(api, invoice_for):
    inv = invoice_for("1000.00")
    pay(api, allocation(inv["id"], "1000.00"))
    resp = pay(api, allocation(inv["id"], "50.01"))
    assert resp.status_code == 422
    err = resp.get_json()["error"]
    assert err["code"] == "overpayment"
    assert err["details"]["amount_due"] == "50.00"
    assert _invoice(api, inv["id"])["amount_due"] == "50.00"


def test_payment_amount_must_match_its_allocations(api, invoice_for):
    inv = invoice_for("1000.00")
    more = {"amount": "500.00", "allocations": [allocation(inv["id"], "400.00")]}
    resp = api.post("/api/v1/payments", json=more)
    assert resp.get_json()["error"]["code"] == "overpayment"  # keeping credit: not offered yet
    less = {"amount": "300.00", "allocations": [allocation(inv["id"], "400.00")]}
    resp = api.post("/api/v1/payments", json=less)
    assert resp.get_json()["error"]["code"] == "allocation_exceeds_payment"


def test_invoices_of_another_customer_or_currency_are_refused(api, invoice_for, company):
    from plugins.invoicing.services import customers

    other = customers.create(
        company.id,
        {
            "name": "Other Buyer",
            "trn": "100555555500003",
            "peppol_id": "0235:1005555555",
            "address_line1": "3 Marina",
            "city": "Dubai",
            "country": "AE",
        },
    )
    db.session.commit()
    mine, theirs = invoice_for("100.00"), invoice_for("100.00", customer_id=other.id)
    resp = pay(api, allocation(mine["id"], "10.00"), allocation(theirs["id"], "10.00"))
    assert resp.get_json()["error"]["code"] == "customer_mismatch"

    usd = invoice_for("100.00", currency="USD")
    resp = pay(api, allocation(usd["id"], "10.00"), currency="AED")
    assert resp.get_json()["error"]["code"] == "currency_mismatch"
    ok = pay(api, allocation(usd["id"], "10.00"))
    assert ok.status_code == 201 and ok.get_json()["currency"] == "USD"


def test_credit_notes_and_payments_both_reduce_the_amount_due(api, invoice_for):
    inv = invoice_for("1000.00")
    pay(api, allocation(inv["id"], "300.00"))
    credit = api.post(
        f"/api/v1/invoices/{inv['id']}/credit-notes",
        json={
            "lines": [{"description": "Discount", "quantity": "1", "unit_price": "100.00"}],
            "credit_reason": "DL8.61.1.A",
        },
    ).get_json()
    assert api.post(f"/api/v1/invoices/{credit['id']}/finalize").status_code == 200
    assert _invoice(api, inv["id"])["amount_due"] == "645.00"  # 1050 - 105 - 300
    resp = pay(api, allocation(inv["id"], "645.01"))
    assert resp.get_json()["error"]["code"] == "overpayment"
    pay(api, allocation(inv["id"], "645.00"))
    assert _invoice(api, inv["id"])["payment_status"] == "paid"


def test_possible_duplicates_are_flagged(api, invoice_for):
    inv = invoice_for("1000.00")
    first = pay(api, allocation(inv["id"], "100.00"), date="2026-03-05").get_json()
    same = pay(api, allocation(inv["id"], "100.00"), date="2026-03-05").get_json()
    other_day = pay(api, allocation(inv["id"], "100.00"), date="2026-03-06").get_json()
    assert [first["possible_duplicate"], same["possible_duplicate"]] == [False, True]
    assert other_day["possible_duplicate"] is False

    tx = pay(api, allocation(inv["id"], "1.00"), provider_transaction_id="ch_123").get_json()
    again = pay(api, allocation(inv["id"], "2.00"), provider_transaction_id="ch_123").get_json()
    assert [tx["possible_duplicate"], again["possible_duplicate"]] == [False, True]


def test_bad_input_names_every_field(api, invoice_for):
    resp = api.post(
        "/api/v1/payments",
        json={
            "amount": 10.5,
            "method": "barter",
            "date": "yesterday",
            "allocations": [{"invoice_id": "x", "amount": "-1"}],
        },
    )
    # Core checks the body's shape first (a float amount, a text id), all such fields at once.
    assert resp.status_code == 422
    fields = resp.get_json()["error"]["details"]["fields"]
    assert set(fields) == {"amount", "allocations[0].invoice_id"}
    assert "no floats" in fields["amount"]
    # Then the service's rules, again every field at once.
    resp = api.post(
        "/api/v1/payments",
        json={
            "amount": "10.50",
            "method": "barter",
            "date": "yesterday",
            "allocations": [{"invoice_id": 1, "amount": "-1"}],
        },
    )
    fields = resp.get_json()["error"]["details"]["fields"]
    assert set(fields) == {"method", "date", "allocations[0].amount"}
    resp = api.post("/api/v1/payments", json={"amount": "1.00"})
    assert resp.get_json()["error"]["details"]["fields"]["allocations"].startswith("must list")
    resp = api.post("/api/v1/payments", json={"amount": "1.001", "allocations": []})
    assert "two decimals" in resp.get_json()["error"]["details"]["fields"]["amount"]


def test_a_plugin_can_add_a_payment_method(app, api, invoice_for):
    from core.api import hookimpl

    class Crypto:
        @hookimpl
        def payments_methods(self):
            return ["crypto"]

    inv = invoice_for("1000.00")
    assert pay(api, allocation(inv["id"], "1.00"), method="crypto").status_code == 422
    app.extensions["ledgerline.plugins"].pm.register(Crypto(), name="crypto_methods")
    resp = pay(api, allocation(inv["id"], "1.00"), method="crypto")
    assert resp.status_code == 201 and resp.get_json()["method"] == "crypto"


def test_unknown_invoice_is_not_found(api):
    resp = pay(api, allocation(999999, "1.00"))
    assert resp.status_code == 404
    assert resp.get_json()["error"]["code"] == "not_found"


def test_an_overdue_invoice_stays_overdue_until_paid_in_full(api, invoice_for):
    from plugins.invoicing.tests.helpers import raw_sql

    inv = invoice_for("1000.00")
    raw_sql("UPDATE invoicing_invoice SET payment_status = 'overdue' WHERE id = :id", id=inv["id"])
    pay(api, allocation(inv["id"], "50.00"))
    assert _invoice(api, inv["id"])["payment_status"] == "overdue"
    pay(api, allocation(inv["id"], "1000.00"))
    assert _invoice(api, inv["id"])["payment_status"] == "paid"
