"""Payment reminders: one e-mail per step (1, 7, 14 days late), never twice, never when paid."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from plugins.invoicing.tests.helpers import draft_payload
from plugins.invoicing.tests.test_email_server import *  # noqa: F403  (SMTP fixtures)
from plugins.invoicing.tests.test_email_server import attachments

# draft_payload issues on 2026-03-01 and the customer pays in 14 days: due 2026-03-15.


def _finalized(api, customer, **extra):
    draft = api.post("/api/v1/invoices", json=draft_payload(customer.id, **extra)).get_json()
    resp = api.post(f"/api/v1/invoices/{draft['id']}/finalize")
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def _run(company, as_of):
    from core.api import enqueue_job

    job = enqueue_job(
        "invoicing.send_reminders", {"as_of": as_of}, company_id=company.id, user_id=None
    )
    assert job.status == "completed", job.errors
    return job.result


def _steps(invoice_id):
    from core.api import db
    from plugins.invoicing.reminders.models import Reminder

    rows = db.session.scalars(select(Reminder).where(Reminder.invoice_id == invoice_id))
    return {row.step: row.status for row in rows}


def test_each_step_is_sent_once_as_the_days_pass(api, mail_customer, company, smtp_server):
    inv = _finalized(api, mail_customer)
    assert _run(company, "2026-03-15")["sent"] == 0  # due today: not late yet
    assert _run(company, "2026-03-16")["sent"] == 1
    assert _run(company, "2026-03-16")["sent"] == 0  # the same day again: nothing new
    assert _run(company, "2026-03-20")["sent"] == 0  # step 1 done, step 7 not reached
    assert _run(company, "2026-03-22")["sent"] == 1
    assert _run(company, "2026-03-29")["sent"] == 1
    assert _run(company, "2026-05-01")["sent"] == 0  # no step after 14 days
    subjects = [m["Subject"] for m in smtp_server.messages]
    assert subjects == [
        f"Payment reminder: {inv['number']} is {days} days overdue" for days in (1, 7, 14)
    ]
    assert _steps(inv["id"]) == {1: "sent", 7: "sent", 14: "sent"}


def test_reminder_states_what_is_owed_and_attaches_the_invoice(
    api, mail_customer, company, smtp_server
):
    inv = _finalized(api, mail_customer)
    _run(company, "2026-03-22")
    [message] = smtp_server.messages
    assert message["To"] == "ap@gulfbuyer.ae"
    body = message.get_body(("plain",)).get_content()
    assert inv["number"] in body and "AED\xa01,679.99" in body
    assert "was due on Mar 15, 2026, 7 days ago" in body
    assert "AE070331234567890123456" in body
    [pdf] = attachments(message).values()
    assert pdf.get_content().startswith(b"%PDF")


def test_a_late_first_run_sends_only_the_latest_step(api, mail_customer, company, smtp_server):
    inv = _finalized(api, mail_customer)
    assert _run(company, "2026-04-10")["sent"] == 1
    assert (
        len(smtp_server.messages) == 1 and "26 days overdue" in smtp_server.messages[0]["Subject"]
    )
    assert _steps(inv["id"]) == {14: "sent"}
    assert _run(company, "2026-04-11")["sent"] == 0  # and the earlier steps never follow


def test_paid_void_and_credit_notes_get_no_reminder(api, mail_customer, company, smtp_server):
    paid = _finalized(api, mail_customer)
    note = api.post(
        f"/api/v1/invoices/{paid['id']}/credit-notes", json={"credit_reason": "DL8.61.1.A"}
    ).get_json()
    api.post(f"/api/v1/invoices/{note['id']}/finalize")
    voided = _finalized(api, mail_customer)
    api.post(f"/api/v1/invoices/{voided['id']}/void")
    api.post("/api/v1/invoices", json=draft_payload(mail_customer.id))  # a draft
    result = _run(company, "2026-04-01")
    assert (result["sent"], result["failed"]) == (0, 0)
    assert smtp_server.messages == []


def test_overdue_and_partially_paid_invoices_are_reminded(api, mail_customer, company, smtp_server):
    from core.api import enqueue_job

    partial = _finalized(api, mail_customer)
    lines = [{"description": "Goodwill", "quantity": "1", "unit_price": "100.00"}]
    note = api.post(
        f"/api/v1/invoices/{partial['id']}/credit-notes",
        json={"lines": lines, "credit_reason": "DL8.61.1.A"},
    )
    api.post(f"/api/v1/invoices/{note.get_json()['id']}/finalize")
    overdue = _finalized(api, mail_customer)
    enqueue_job(
        "invoicing.mark_overdue", {"as_of": "2026-03-16"}, company_id=company.id, user_id=None
    )
    assert _run(company, "2026-03-16")["sent"] == 2
    bodies = [m.get_body(("plain",)).get_content() for m in smtp_server.messages]
    assert any("AED\xa01,574.99" in b and partial["number"] in b for b in bodies)
    assert any("AED\xa01,679.99" in b and overdue["number"] in b for b in bodies)


def test_database_refuses_a_second_row_for_the_same_step(app, api, mail_customer, company):
    from core.api import db
    from plugins.invoicing.reminders.models import Reminder

    inv = _finalized(api, mail_customer)
    db.session.add(Reminder(company_id=company.id, invoice_id=inv["id"], step=1))
    db.session.commit()
    db.session.add(Reminder(company_id=company.id, invoice_id=inv["id"], step=1))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_step_claimed_elsewhere_is_not_sent_again(api, mail_customer, company, smtp_server):
    """Another run already holds step 1 (it is sending it now): this run must not send it."""
    from core.api import db
    from plugins.invoicing.reminders.models import Reminder

    inv = _finalized(api, mail_customer)
    db.session.add(Reminder(company_id=company.id, invoice_id=inv["id"], step=1))
    db.session.commit()
    assert _run(company, "2026-03-16")["skipped"] == 1
    assert smtp_server.messages == []


def test_failed_step_is_recorded_and_retried_next_run(api, customer, company, smtp_server):
    from core.api import db
    from plugins.invoicing.services import customers

    inv = _finalized(api, customer)  # the customer has no e-mail address yet
    result = _run(company, "2026-03-16")
    assert result["failed"] == 1 and "has no e-mail address" in result["errors"][0]
    assert _steps(inv["id"]) == {1: "failed"}
    customers.update(customer, {"email": "ap@gulfbuyer.ae"})
    db.session.commit()
    assert _run(company, "2026-03-17")["sent"] == 1
    assert _steps(inv["id"]) == {1: "sent"}
    assert len(smtp_server.messages) == 1


def test_steps_are_configurable(app, api, mail_customer, company, smtp_server):
    app.config["INVOICING_REMINDER_STEPS"] = "3,30"
    _finalized(api, mail_customer)
    assert _run(company, "2026-03-17")["sent"] == 0
    assert _run(company, "2026-03-18")["sent"] == 1


def test_without_smtp_the_job_fails_naming_the_setting(app, api, mail_customer, company):
    from core.api import enqueue_job

    app.config.pop("INVOICING_SMTP_HOST")
    _finalized(api, mail_customer)
    job = enqueue_job("invoicing.send_reminders", {}, company_id=company.id, user_id=None)
    assert job.status == "failed" and "LEDGERLINE_INVOICING_SMTP_HOST" in job.errors[-1]
    assert _steps(1) == {}


def test_cli_sends_reminders_for_every_company(app, api, mail_customer, smtp_server):
    inv = _finalized(api, mail_customer)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["invoicing", "reminders", "--date", "2026-03-16"])
    assert result.exit_code == 0, result.output
    assert "1 sent, 0 failed" in result.output
    assert _steps(inv["id"]) == {1: "sent"}
    again = runner.invoke(args=["invoicing", "reminders", "--date", "2026-03-16"])
    assert "0 sent, 0 failed, 1 not due or already sent" in again.output
    assert len(smtp_server.messages) == 1


def test_cli_without_smtp_says_what_to_set(app):
    app.config.pop("INVOICING_SMTP_HOST")
    result = app.test_cli_runner().invoke(args=["invoicing", "reminders"])
    assert result.exit_code == 1
    assert "E-mail is not configured: set LEDGERLINE_INVOICING_SMTP_HOST" in result.output
