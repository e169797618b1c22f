"""The payments hash chain: every money-moving record is chained, tampering is named."""

import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from core.api import db
from plugins.invoicing.tests.helpers import raw_sql
from plugins.payments.tests.helpers import allocation, pay


def _entries():
    db.session.expire_all()
    rows = db.session.execute(
        text("SELECT seq, kind, record_id, prev_hash, hash FROM payments_chain_entry ORDER BY seq")
    )
    return rows.all()


def _disable_payment_trigger():
    if db.engine.dialect.name == "postgresql":
        raw_sql("ALTER TABLE payments_payment DISABLE TRIGGER payments_payment_frozen")
    else:
        raw_sql("DROP TRIGGER payments_payment_frozen")


@pytest.fixture
def history(api, customer, invoice_for):
    """A payment, an overpayment kept as credit, its use, a processed refund, a reversal."""
    api.patch("/api/v1/payments/settings", json={"overpayment_policy": "credit"})
    a, b, c = invoice_for("1000.00"), invoice_for("100.00"), invoice_for("10.00")
    first = pay(api, allocation(a["id"], "500.00")).get_json()
    second = pay(api, allocation(b["id"], "205.00")).get_json()  # 100.00 credit
    use = {"customer_id": customer.id, "invoice_id": c["id"], "amount": "10.50"}
    assert api.post("/api/v1/payments/credit-allocations", json=use).status_code == 201
    refund = api.post(
        "/api/v1/refunds", json={"payment_id": first["id"], "amount": "20.00", "reason": "x"}
    ).get_json()
    api.post(f"/api/v1/refunds/{refund['id']}/approve")
    assert api.post(f"/api/v1/refunds/{refund['id']}/process").status_code == 200
    reversal = api.post(f"/api/v1/payments/{first['id']}/reverse").get_json()
    return first, second, refund, reversal


def test_every_money_moving_record_is_chained_in_order(api, history):
    first, second, refund, reversal = history
    rows = _entries()
    assert [(r.kind, r.record_id) for r in rows] == [
        ("payment", first["id"]),
        ("payment", second["id"]),
        ("credit", rows[2].record_id),  # the 100.00 kept from the second payment
        ("credit", rows[3].record_id),  # 10.50 of it used
        ("refund", refund["id"]),
        ("reversal", reversal["id"]),
    ]
    assert [r.seq for r in rows] == list(range(1, 7))
    assert [r.prev_hash for r in rows] == [None] + [r.hash for r in rows[:-1]]
    report = api.get("/api/v1/payments/chain/verify").get_json()
    assert report == {"ok": True, "checked": 6, "head_hash": rows[-1].hash, "broken_at": None}


def test_an_edited_payment_is_named_by_api_and_cli(app, api, history):
    first, second, _, _ = history
    _disable_payment_trigger()
    raw_sql("UPDATE payments_payment SET amount = 5.00 WHERE id = :id", id=second["id"])

    report = api.get("/api/v1/payments/chain/verify").get_json()
    assert report["ok"] is False and report["checked"] == 1
    broken = report["broken_at"]
    assert (broken["seq"], broken["kind"], broken["record_id"], broken["record"]) == (
        2,
        "payment",
        second["id"],
        second["number"],
    )
    assert "altered" in broken["reason"]

    result = app.test_cli_runner().invoke(args=["payments", "verify"])
    assert result.exit_code == 1
    assert f"BROKEN at entry #2 ({second['number']})" in result.output


def test_an_edited_allocation_or_credit_entry_breaks_the_chain(api, history):
    first, _, _, _ = history
    if db.engine.dialect.name == "postgresql":
        raw_sql("ALTER TABLE payments_credit_entry DISABLE TRIGGER payments_credit_entry_frozen")
    else:
        raw_sql("DROP TRIGGER payments_credit_entry_no_update")
    raw_sql("UPDATE payments_credit_entry SET amount = -1.00 WHERE kind = 'applied'")
    broken = api.get("/api/v1/payments/chain/verify").get_json()["broken_at"]
    assert (broken["seq"], broken["kind"]) == (4, "credit")


def test_cli_reports_each_company_ok(app, history):
    result = app.test_cli_runner().invoke(args=["payments", "verify"])
    assert result.exit_code == 0, result.output
    assert "ok, 6 entries" in result.output
    missing = app.test_cli_runner().invoke(args=["payments", "verify", "--company", "999"])
    assert missing.exit_code != 0 and "No company with id 999" in missing.output


def test_chain_entries_cannot_be_changed_or_removed(history):
    for sql in ("UPDATE payments_chain_entry SET hash = 'x'", "DELETE FROM payments_chain_entry"):
        with pytest.raises(DBAPIError, match="payment_immutable"):
            raw_sql(sql)
        db.session.rollback()


def test_verify_needs_the_admin_permission(client, api_token, make_user, company):
    clerk = make_user(email="clerk@acme.ae", company=company, role="FINANCE_USER")
    headers = {"Authorization": f"Bearer {api_token(clerk)}"}
    assert client.get("/api/v1/payments/chain/verify", headers=headers).status_code == 403


def test_payments_from_eight_threads_make_one_unbroken_chain(app, company, customer, invoice_for):
    from plugins.payments.chain.verify import verify
    from plugins.payments.services import inputs, record

    invoices = [invoice_for("100.00")["id"] for _ in range(8)]
    company_id = company.id  # read now: a lazy refresh from 8 threads would share a session
    db.session.commit()  # on SQLite an open transaction here would hold the write lock
    start, errors = threading.Barrier(8), []

    def work(invoice_id):
        with app.app_context():
            try:
                data = inputs.payment(
                    {"amount": "105.00", "allocations": [allocation(invoice_id, "105.00")]}
                )
                start.wait()
                record.record(company_id, data)
                db.session.commit()
            except Exception as exc:  # collected and asserted below
                errors.append(repr(exc))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=work, args=(i,)) for i in invoices]
    for t in threads:
        t.start()
    for t in threads:
        t.join(90)
    assert errors == []
    rows = _entries()
    assert [r.seq for r in rows] == list(range(1, 9))
    assert [r.prev_hash for r in rows] == [None] + [r.hash for r in rows[:-1]]
    assert len({r.record_id for r in rows}) == 8
    report = verify(company_id)
    assert report.ok and report.checked == 8
