"""Payments list as a user sees it: every column sorts and pages by keyset, filters in the
URL, CSV/XLSX of the filter, bulk reverse (asks first, one refusal does not stop the others,
needs the write permission), and the page's queries read indexes."""

import pytest

from core.api import db
from plugins.invoicing.models import Invoice
from plugins.invoicing.tests.test_pages_support import make_customer, post_form
from plugins.payments.models import Payment
from plugins.payments.tests.helpers import allocation, pay
from tests.support.lists import (
    analyze,
    assert_every_sort_walks,
    assert_reads_indexes,
    case,
    cells,
    csv_rows,
    double_rows,
    ids,
    page,
    xlsx_rows,
)

TABLES = ("payments_payment", "invoicing_customer")
KEYS = ("number", "date", "customer", "method", "reference", "amount", "currency", "status")


@pytest.fixture
def three(signed_in, api, invoice_for):
    inv = invoice_for("1000.00")
    a = pay(api, allocation(inv["id"], "10.00"), date="2026-03-01", method="cash", reference="R-B")
    b = pay(api, allocation(inv["id"], "30.00"), date="2026-03-10", method="card", reference="R-A")
    c = pay(api, allocation(inv["id"], "20.00"), date="2026-03-20", method="cash")
    return inv, a.get_json(), b.get_json(), c.get_json()


def _status(payment_id):
    db.session.expire_all()
    return db.session.get(Payment, payment_id).status


def test_every_column_sorts_and_pages_by_keyset(signed_in, three):
    assert_every_sort_walks(signed_in, "/payments/", KEYS, [p["id"] for p in three[1:]])


def test_sorted_by_amount_and_reference_as_shown(signed_in, three):
    _, a, b, c = three
    assert ids(page(signed_in, "/payments/?sort=-amount")) == [b["id"], c["id"], a["id"]]
    html = page(signed_in, "/payments/?sort=reference&method=cash")
    assert ids(html)[-1] == a["id"] or ids(html)[0] == a["id"]  # NULL first or last per engine
    assert set(ids(html)) == {a["id"], c["id"]}
    assert 'aria-sort="ascending"' in html and "method=cash" in html
    row = cells(html, a["id"])
    assert row[1] == a["number"] and row[3] == "Gulf Buyer LLC" and row[6] == "AED\xa010.00"


def test_export_follows_filter_and_order(signed_in, three):
    _, a, b, c = three
    rows = csv_rows(signed_in.get("/payments/export.csv?method=cash&sort=amount"))
    assert rows[0] == [
        "Number", "Date", "Customer", "Method", "Reference", "Amount", "Currency", "Status"
    ]  # fmt: skip
    assert [r[0] for r in rows[1:]] == [a["number"], c["number"]]
    assert rows[1][1:] == ["2026-03-01", "Gulf Buyer LLC", "cash", "R-B", "10.00", "AED", "posted"]
    sheet = xlsx_rows(signed_in.get("/payments/export.xlsx?sort=-date"))
    assert [r[0] for r in sheet[1:]] == [c["number"], b["number"], a["number"]]
    assert signed_in.get("/payments/export.csv?method=barter").status_code == 400


def test_bulk_reverse_asks_first_then_reverses_each_and_reopens_invoices(signed_in, three, api):
    inv, a, b, _ = three
    ticked = {"action": "reverse", "ids": [a["id"], b["id"]], "back": "/payments/?sort=amount"}
    resp = post_form(signed_in, "/payments/bulk", ticked, page="/payments/")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and a["number"] in html and 'name="confirm" value="1"' in html
    assert 'name="reason"' in html and "required" in html  # it asks why
    assert _status(a["id"]) == "posted"  # nothing happened yet
    blank = {**ticked, "confirm": "1", "reason": "  "}
    resp = post_form(signed_in, "/payments/bulk", blank, page="/payments/")
    assert resp.status_code == 422 and "Say why." in resp.get_data(as_text=True)
    assert _status(a["id"]) == "posted"  # no reason, nothing reversed
    why = {**ticked, "confirm": "1", "reason": "Cheques bounced"}
    resp = post_form(signed_in, "/payments/bulk", why, page="/payments/")
    assert resp.status_code == 303 and resp.headers["Location"].endswith("?sort=amount")
    assert _status(a["id"]) == "reversed" and _status(b["id"]) == "reversed"
    reversals = db.session.query(Payment).filter(Payment.reversal_of_id.isnot(None)).all()
    assert [r.notes for r in reversals] == ["Cheques bounced"] * 2  # the reason given, kept
    db.session.expire_all()
    assert str(db.session.get(Invoice, inv["id"]).amount_due) == "1030.00"  # 1050 - 20 left
    # Again: both are reversed already; each refusal is named, nothing changes.
    resp = post_form(signed_in, "/payments/bulk", why, page="/payments/")
    html = page(signed_in, "/payments/")
    assert "0 of 2 done" in html and a["number"] in html
    assert len(db.session.query(Payment).filter(Payment.reversal_of_id.isnot(None)).all()) == 2


def test_bulk_reverse_needs_the_write_permission(client, three, make_user, login):
    _, a, _, _ = three
    post_form(client, "/logout", {}, page="/payments/")
    make_user(email="root@example.test", role="SUPER_ADMIN")
    login("root@example.test")
    assert '<option value="reverse">' not in page(client, "/payments/")
    data = {"action": "reverse", "ids": [a["id"]], "confirm": "1", "reason": "no right"}
    assert post_form(client, "/payments/bulk", data, page="/payments/").status_code == 403
    assert _status(a["id"]) == "posted"


def test_the_page_reads_indexes(signed_in, three, make_company):
    for query in [
        "",
        "?sort=-amount",
        "?sort=method",
        "?sort=reference",
        "?sort=-status",
        "?sort=number",
    ]:
        with case(query=query):
            assert_reads_indexes(signed_in, f"/payments/{query}", ("payments_payment",))
    # In a busy book (payments far outnumbering customers, other companies' customers beside
    # the company's own, ANALYZEd), with the joined customers checked too: each payment's
    # customer is looked up by key, never read (or put in a Bloom filter) for every page.
    other = make_company("Other Trading LLC", trn="100999888700003")
    for n in range(2):
        make_customer(other, f"Customer {n}")
    double_rows(Payment, "number", 3)
    analyze()
    for query in ["", "?sort=customer", "?sort=-amount", "?include_archived=1"]:
        with case(query=query):
            assert_reads_indexes(signed_in, f"/payments/{query}", TABLES)


def test_racing_bulk_reversals_reverse_each_payment_once(app, signed_in, three):
    """Four people reverse the same two payments at once from the list: each payment is
    reversed once (row lock, then the check on what the lock read), the invoice reopens once."""
    import threading

    from tests.support.fixtures import csrf_token

    inv, a, b, _ = three
    clients = []
    for _ in range(4):
        other = app.test_client()
        token = csrf_token(other)
        form = {"email": "admin@acme.ae", "password": "correct horse", "csrf_token": token}
        assert other.post("/login", data=form).status_code == 302
        clients.append((other, csrf_token(other, "/payments/")))
    db.session.remove()  # this thread's transaction would hold SQLite's write lock
    start, statuses = threading.Barrier(len(clients)), []

    def reverse_both(client, token) -> None:
        data = {"action": "reverse", "ids": [a["id"], b["id"]], "confirm": "1", "reason": "race"}
        start.wait()
        statuses.append(
            client.post("/payments/bulk", data={**data, "csrf_token": token}).status_code
        )

    threads = [threading.Thread(target=reverse_both, args=pair) for pair in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert statuses == [303] * 4
    db.session.expire_all()
    reversals = db.session.query(Payment).filter(Payment.reversal_of_id.isnot(None)).all()
    assert sorted(r.reversal_of_id for r in reversals) == sorted([a["id"], b["id"]])
    assert str(db.session.get(Invoice, inv["id"]).amount_due) == "1030.00"
