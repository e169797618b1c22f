"""Archive: old payment groups move to the archive tables as a job; still readable, left out
of daily lists, amounts due untouched; the database allows a delete only as that move."""

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from core.api import db
from plugins.payments.archive import move
from plugins.payments.tests.helpers import allocation, pay


def _invoice(api, inv_id):
    db.session.expire_all()
    return api.get(f"/api/v1/invoices/{inv_id}").get_json()


def _archive(api, before):
    resp = api.post("/api/v1/admin/archive", json={"before": before})
    assert resp.status_code == 202, resp.get_json()
    job = api.get(f"/api/v1/jobs/{resp.get_json()['job_id']}").get_json()
    assert job["status"] == "completed", job
    return job


def _ids(resp):
    assert resp.status_code == 200, resp.get_json()
    return [p["id"] for p in resp.get_json()["data"]]


@pytest.fixture
def old_and_new(api, invoice_for):
    """An invoice paid in part in January (old) and in part in October (recent)."""
    inv = invoice_for("1000.00")
    old = pay(api, allocation(inv["id"], "300.00"), date="2026-01-15").get_json()
    new = pay(api, allocation(inv["id"], "200.00"), date="2026-10-01").get_json()
    return inv, old, new


def test_archive_job_moves_old_payments_and_they_stay_readable(api, old_and_new):
    inv, old, new = old_and_new
    due_before = _invoice(api, inv["id"])["amount_due"]
    assert due_before == "550.00"

    job = _archive(api, "2026-06-01")
    assert (job["processed"], job["total"]) == (1, 1)

    read = api.get(f"/api/v1/payments/{old['id']}").get_json()
    assert read["archived"] is True and read["number"] == old["number"]
    assert read["allocations"] == old["allocations"]
    assert api.get(f"/api/v1/payments/{new['id']}").get_json()["archived"] is False
    assert _ids(api.get("/api/v1/payments")) == [new["id"]]
    assert _ids(api.get("/api/v1/payments?include_archived=1")) == [new["id"], old["id"]]
    assert _invoice(api, inv["id"])["amount_due"] == due_before


def test_archived_allocations_still_count_when_the_invoice_is_paid_again(api, old_and_new):
    inv, _, _ = old_and_new
    _archive(api, "2026-06-01")
    too_much = pay(api, allocation(inv["id"], "550.01"))
    assert too_much.status_code == 422
    assert too_much.get_json()["error"]["details"]["amount_due"] == "550.00"
    assert pay(api, allocation(inv["id"], "550.00")).status_code == 201
    assert _invoice(api, inv["id"])["payment_status"] == "paid"


def test_a_payment_stays_live_while_its_reversal_is_recent(api, old_and_new):
    inv, old, _ = old_and_new
    reversal = api.post(f"/api/v1/payments/{old['id']}/reverse").get_json()
    job = _archive(api, "2026-06-01")  # the reversal is dated today, after the cut-off
    assert job["total"] == 0
    live = _ids(api.get("/api/v1/payments"))
    assert old["id"] in live and reversal["id"] in live


def test_payment_reversal_refunds_and_allocations_move_together(api, old_and_new, company):
    inv, old, new = old_and_new
    refund = api.post(
        "/api/v1/refunds", json={"payment_id": new["id"], "amount": "50.00", "reason": "Return"}
    ).get_json()
    for action in ("approve", "process"):
        assert api.post(f"/api/v1/refunds/{refund['id']}/{action}").status_code == 200
    reversal = api.post(f"/api/v1/payments/{old['id']}/reverse").get_json()
    due = _invoice(api, inv["id"])["amount_due"]

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    moved = move.move_groups(move.next_batch(company.id, tomorrow))
    db.session.commit()

    assert moved == 3  # both payments and the reversal
    counts = {
        t: db.session.scalar(text(f"SELECT COUNT(*) FROM {t}"))  # noqa: S608
        for t in (
            "payments_payment",
            "payments_refund",
            "payments_allocation",
            "payments_payment_archive",
            "payments_refund_archive",
            "payments_allocation_archive",
        )
    }
    assert counts == {
        "payments_payment": 0,
        "payments_refund": 0,
        "payments_allocation": 0,
        "payments_payment_archive": 3,
        "payments_refund_archive": 1,
        "payments_allocation_archive": 4,  # payment, payment, refund's negative, reversal's
    }
    assert api.get(f"/api/v1/payments/{reversal['id']}").get_json()["reversal_of"] == old["id"]
    assert _invoice(api, inv["id"])["amount_due"] == due


def test_an_open_refund_keeps_the_group_live(api, old_and_new):
    _, old, _ = old_and_new
    api.post("/api/v1/refunds", json={"payment_id": old["id"], "amount": "1.00", "reason": "x"})
    assert _archive(api, "2026-06-01")["total"] == 0


def test_archived_payments_cannot_be_reversed_or_refunded(api, old_and_new):
    _, old, _ = old_and_new
    _archive(api, "2026-06-01")
    assert api.post(f"/api/v1/payments/{old['id']}/reverse").status_code == 404
    refund = api.post(
        "/api/v1/refunds", json={"payment_id": old["id"], "amount": "1.00", "reason": "x"}
    )
    assert refund.status_code == 404


def _refused(sql, **params):
    with pytest.raises(DBAPIError) as caught:
        db.session.execute(text(sql), params)
        db.session.flush()
    db.session.rollback()
    assert "payment_immutable" in str(caught.value)


def test_the_database_refuses_deletes_that_are_not_an_archive_move(api, old_and_new):
    _, old, _ = old_and_new
    _refused("DELETE FROM payments_allocation WHERE payment_id = :p", p=old["id"])
    # Holding the pass is not enough: the row must already be in the archive.
    move._take_pass()
    _refused("DELETE FROM payments_allocation WHERE payment_id = :p", p=old["id"])
    move._take_pass()
    _refused("DELETE FROM payments_payment WHERE id = :p", p=old["id"])


def test_archive_rows_are_never_changed(api, old_and_new):
    _archive(api, "2026-06-01")
    _refused("UPDATE payments_payment_archive SET amount = 1")
    _refused("DELETE FROM payments_allocation_archive")


@pytest.mark.parametrize(
    ("before", "message"),
    [
        ("2026-13-01", "must be a date YYYY-MM-DD"),
        (None, "must be a date YYYY-MM-DD"),
        ("2999-01-01", "must not be in the future"),
    ],
)
def test_archive_cut_off_must_be_a_past_date(api, before, message):
    resp = api.post("/api/v1/admin/archive", json={"before": before})
    assert resp.status_code == 422
    assert resp.get_json()["error"]["details"]["fields"]["before"] == message


def test_only_admins_may_archive(client, make_user, company, api_token):
    from plugins.invoicing.tests.helpers import Api

    clerk = Api(client, api_token(make_user("clerk@acme.ae", company, role="FINANCE_USER")))
    resp = clerk.post("/api/v1/admin/archive", json={"before": "2026-06-01"})
    assert resp.status_code == 403
    assert resp.get_json()["error"]["details"]["permission"] == "payments.admin"
