"""The overdue job: unpaid invoices past their due date show "overdue"; nothing else moves."""

from __future__ import annotations

from sqlalchemy import select

from plugins.invoicing.tests.helpers import Api, draft_payload

# draft_payload issues on 2026-03-01 and the customer pays in 14 days: due 2026-03-15.


def _finalized(api, customer, **extra):
    draft = api.post("/api/v1/invoices", json=draft_payload(customer.id, **extra)).get_json()
    resp = api.post(f"/api/v1/invoices/{draft['id']}/finalize")
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def _payment_status(api, invoice_id):
    return api.get(f"/api/v1/invoices/{invoice_id}").get_json()["payment_status"]


def _run_job(company, as_of):
    from core.api import enqueue_job

    return enqueue_job(
        "invoicing.mark_overdue", {"as_of": as_of}, company_id=company.id, user_id=None
    )


def test_due_date_passed_marks_unpaid_invoice_overdue(api, customer, company):
    inv = _finalized(api, customer)
    assert _run_job(company, "2026-03-15").result["marked"] == 0  # due today is on time
    assert _payment_status(api, inv["id"]) == "unpaid"
    job = _run_job(company, "2026-03-16")
    assert job.status == "completed" and job.result["numbers"] == [inv["number"]]
    assert _payment_status(api, inv["id"]) == "overdue"
    assert _run_job(company, "2026-03-17").result["marked"] == 0  # already overdue


def test_every_lifecycle_stage_after_finalize_counts(api, customer, company):
    approved = _finalized(api, customer)
    api.post(f"/api/v1/invoices/{approved['id']}/approve")
    sent = _finalized(api, customer)
    api.post(f"/api/v1/invoices/{sent['id']}/approve")
    api.post(f"/api/v1/invoices/{sent['id']}/send")
    _run_job(company, "2026-04-01")
    assert _payment_status(api, approved["id"]) == "overdue"
    assert _payment_status(api, sent["id"]) == "overdue"
    assert api.get(f"/api/v1/invoices/{sent['id']}").get_json()["status"] == "SENT"


def test_paid_void_draft_and_credit_notes_are_left_alone(api, customer, company):
    paid = _finalized(api, customer)
    note = api.post(
        f"/api/v1/invoices/{paid['id']}/credit-notes", json={"credit_reason": "DL8.61.1.A"}
    ).get_json()
    note = api.post(f"/api/v1/invoices/{note['id']}/finalize").get_json()
    voided = _finalized(api, customer)
    api.post(f"/api/v1/invoices/{voided['id']}/void")
    draft = api.post("/api/v1/invoices", json=draft_payload(customer.id)).get_json()
    not_due = _finalized(api, customer, due_date="2026-12-31")
    assert _run_job(company, "2026-06-01").result["marked"] == 0
    assert _payment_status(api, paid["id"]) == "paid"
    assert _payment_status(api, note["id"]) == "unpaid"
    assert _payment_status(api, voided["id"]) == "unpaid"
    assert _payment_status(api, draft["id"]) == "unpaid"
    assert _payment_status(api, not_due["id"]) == "unpaid"


def test_partially_credited_invoice_becomes_overdue(api, customer, company):
    inv = _finalized(api, customer)
    lines = [{"description": "Goodwill", "quantity": "1", "unit_price": "100.00"}]
    note = api.post(
        f"/api/v1/invoices/{inv['id']}/credit-notes",
        json={"lines": lines, "credit_reason": "DL8.61.1.A"},
    )
    api.post(f"/api/v1/invoices/{note.get_json()['id']}/finalize")
    assert _payment_status(api, inv["id"]) == "partial"
    _run_job(company, "2026-03-20")
    body = api.get(f"/api/v1/invoices/{inv['id']}").get_json()
    assert body["payment_status"] == "overdue" and body["amount_due"] == "1574.99"


def test_change_is_audited_as_a_status_change(app, api, customer, company):
    from core.api import db
    from core.models import AuditEntry

    inv = _finalized(api, customer)
    _run_job(company, "2026-03-16")
    entry = db.session.scalars(
        select(AuditEntry).where(
            AuditEntry.action == "InvoiceOverdue", AuditEntry.record_id == str(inv["id"])
        )
    ).one()
    assert entry.details["payment_status"] == "overdue"
    assert entry.details["previous_payment_status"] == "unpaid"


def test_status_changed_reaches_the_companys_open_pages(
    app, client, login, admin, api, customer, company
):
    from core.api import socketio

    inv = _finalized(api, customer)
    sio = socketio.test_client(app, flask_test_client=login())
    assert sio.is_connected()
    sio.get_received()
    _run_job(company, "2026-03-16")
    events = [e["args"][0] for e in sio.get_received() if e["name"] == "invoicing_status_changed"]
    assert [(e["id"], e["payment_status"]) for e in events] == [(inv["id"], "overdue")]


def test_job_of_one_company_leaves_another_alone(
    client, api, customer, company, make_company, make_user, api_token
):
    from core.api import db
    from plugins.invoicing.services import customers

    other_company = make_company(
        name="Other Co", trn="100555555500003", iban=company.iban, address_line1="5 Deira St"
    )
    other_api = Api(client, api_token(make_user(email="o@other.ae", company=other_company)))
    buyer = customers.create(
        other_company.id,
        {
            "name": "Their Buyer",
            "peppol_id": "0235:1005555555",
            "payment_terms_days": 1,
            "address_line1": "6 Marina Walk",
            "city": "Dubai",
        },
    )
    db.session.commit()
    theirs = _finalized(other_api, buyer)
    ours = _finalized(api, customer)
    _run_job(company, "2026-04-01")
    assert _payment_status(api, ours["id"]) == "overdue"
    assert _payment_status(other_api, theirs["id"]) == "unpaid"


def test_cli_marks_every_company_and_refuses_a_bad_date(app, api, customer):
    inv = _finalized(api, customer)
    runner = app.test_cli_runner()
    bad = runner.invoke(args=["invoicing", "mark-overdue", "--date", "16/03/2026"])
    assert bad.exit_code == 2 and "as_of must be a date YYYY-MM-DD" in bad.output
    result = runner.invoke(args=["invoicing", "mark-overdue", "--date", "2026-03-16"])
    assert result.exit_code == 0, result.output
    assert "1 invoice(s) marked overdue as of 2026-03-16" in result.output
    assert inv["number"] in result.output
    assert _payment_status(api, inv["id"]) == "overdue"


def test_bad_as_of_fails_the_job_with_a_clear_error(company):
    job = _run_job(company, "yesterday")
    assert job.status == "failed" and "as_of must be a date YYYY-MM-DD" in job.errors[-1]
