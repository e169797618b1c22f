"""Lists per customer and per user, the transactions read model, and no N+1."""

from datetime import timedelta

import pytest
from sqlalchemy import event

from core.api import db
from plugins.payments.tests.helpers import allocation, pay


@pytest.fixture
def two_users(api, client, admin, make_user, company, api_token, invoice_for, customer):
    """Payments by the admin for two customers, and one by a colleague."""
    from plugins.invoicing.services import customers
    from plugins.invoicing.tests.helpers import Api

    other = customers.create(
        company.id,
        {
            "name": "Second Buyer",
            "trn": "100987654400003",
            "peppol_id": "0235:1009876544",
            "address_line1": "3 Corniche",
            "city": "Abu Dhabi",
            "country": "AE",
        },
    )
    db.session.commit()
    colleague = make_user("clerk@acme.ae", company, role="FINANCE_USER")
    clerk = Api(client, api_token(colleague))
    first, second = invoice_for("1000.00"), invoice_for("1000.00", customer_id=other.id)
    a = pay(api, allocation(first["id"], "100.00")).get_json()
    b = pay(api, allocation(second["id"], "50.00")).get_json()
    c = pay(clerk, allocation(first["id"], "25.00")).get_json()
    return {"a": a, "b": b, "c": c, "other": other, "colleague": colleague}


def _ids(resp):
    assert resp.status_code == 200, resp.get_json()
    return [row["id"] for row in resp.get_json()["data"]]


def test_payments_per_customer_and_per_user(api, admin, customer, two_users):
    a, b, c = two_users["a"], two_users["b"], two_users["c"]
    assert _ids(api.get(f"/api/v1/payments?customer_id={customer.id}")) == [c["id"], a["id"]]
    assert _ids(api.get(f"/api/v1/payments?customer_id={two_users['other'].id}")) == [b["id"]]
    assert _ids(api.get(f"/api/v1/payments?user_id={two_users['colleague'].id}")) == [c["id"]]
    assert _ids(api.get(f"/api/v1/payments?user_id={admin.id}&limit=1&offset=1")) == [a["id"]]
    assert api.get("/api/v1/payments?user_id=x").status_code == 400


def test_refunds_per_customer_and_per_user(api, admin, two_users):
    a, b = two_users["a"], two_users["b"]
    made = [
        api.post(
            "/api/v1/refunds", json={"payment_id": p["id"], "amount": "5.00", "reason": "r"}
        ).get_json()
        for p in (a, b)
    ]
    other = two_users["other"].id
    assert _ids(api.get(f"/api/v1/refunds?customer_id={other}")) == [made[1]["id"]]
    assert _ids(api.get(f"/api/v1/refunds?user_id={admin.id}")) == [made[1]["id"], made[0]["id"]]
    colleague = two_users["colleague"].id
    assert _ids(api.get(f"/api/v1/refunds?user_id={colleague}")) == []


def test_transactions_list_every_money_movement(api, admin, customer, two_users):
    a, c = two_users["a"], two_users["c"]
    refund = api.post(
        "/api/v1/refunds", json={"payment_id": a["id"], "amount": "30.00", "reason": "r"}
    ).get_json()
    api.post(f"/api/v1/refunds/{refund['id']}/approve")
    api.post(f"/api/v1/refunds/{refund['id']}/process")
    reversal = api.post(f"/api/v1/payments/{c['id']}/reverse").get_json()

    resp = api.get(f"/api/v1/payments/transactions?customer_id={customer.id}")
    rows = {(r["kind"], r["amount"], r["number"]) for r in resp.get_json()["data"]}
    assert rows == {
        ("payment", "100.00", a["number"]),
        ("payment", "25.00", c["number"]),
        ("reversal", "-25.00", reversal["number"]),
        ("refund", "-30.00", a["number"]),
    }
    refunds = api.get("/api/v1/payments/transactions?kind=refund").get_json()["data"]
    assert [(r["refund_id"], r["user_id"]) for r in refunds] == [(refund["id"], admin.id)]
    mine = api.get(f"/api/v1/payments/transactions?user_id={two_users['colleague'].id}")
    assert [r["kind"] for r in mine.get_json()["data"]] == ["payment"]
    assert api.get("/api/v1/payments/transactions?kind=gift").status_code == 400


def test_transactions_of_another_company_are_invisible(
    api, two_users, make_company, make_user, api_token
):
    from plugins.invoicing.tests.helpers import Api

    other = make_company(name="Other LLC", trn="100555555500003")
    outsider = Api(api.client, api_token(make_user("x@other.ae", other)))
    assert outsider.get("/api/v1/payments/transactions").get_json()["data"] == []
    assert outsider.get("/api/v1/payments?include_archived=1").get_json()["data"] == []
    assert outsider.get(f"/api/v1/payments/{two_users['a']['id']}").status_code == 404


class StatementCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, *args):
        self.count += 1


def _statements(api, path):
    counter = StatementCounter()
    engine = db.engine
    event.listen(engine, "before_cursor_execute", counter)
    try:
        assert api.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", counter)
    return counter.count


LISTS = (
    "/api/v1/payments",
    "/api/v1/payments?include_archived=1",
    "/api/v1/refunds",
    "/api/v1/payments/transactions",
)


def test_statement_count_does_not_grow_with_the_page(api, invoice_for, monkeypatch):
    # The token's last-use stamp is written at most once a minute; on a loaded machine a minute
    # can pass between the two measured requests. Counted here: the list's own statements.
    monkeypatch.setattr("core.auth.tokens.TOUCH_EVERY", timedelta(days=1))
    invoices = [invoice_for("1000.00") for _ in range(3)]
    for n in range(60):
        inv = invoices[n % 3]
        payment = pay(api, allocation(inv["id"], "1.00"), key=f"k{n}").get_json()
        api.post(
            "/api/v1/refunds", json={"payment_id": payment["id"], "amount": "0.50", "reason": "r"}
        )
    # Every list over the same 60 payments and refunds (building them is what costs); a
    # failure names each list whose count grew: {path: (statements at 5, at 50)}.
    counts = {path: _small_and_large(api, path) for path in LISTS}
    assert {path: c for path, c in counts.items() if c[0] != c[1]} == {}, counts


def _small_and_large(api, path):
    sep = "&" if "?" in path else "?"
    _statements(api, f"{path}{sep}limit=1")  # warm up (token last-use stamp, caches)
    return _statements(api, f"{path}{sep}limit=5"), _statements(api, f"{path}{sep}limit=50")
