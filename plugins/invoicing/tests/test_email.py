"""Sending an invoice e-mails it to the customer with its PDF and its UBL XML attached."""

from __future__ import annotations

from lxml import etree
from sqlalchemy import select

from plugins.invoicing.tests.helpers import draft_payload
from plugins.invoicing.tests.test_email_server import *  # noqa: F403  (SMTP fixtures)
from plugins.invoicing.tests.test_email_server import SENDER, attachments

NS = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}


def _approved(api, customer):
    draft = api.post("/api/v1/invoices", json=draft_payload(customer.id)).get_json()
    inv = api.post(f"/api/v1/invoices/{draft['id']}/finalize").get_json()
    assert api.post(f"/api/v1/invoices/{inv['id']}/approve").status_code == 200
    return inv


def _logs(invoice_id):
    from core.api import db
    from plugins.invoicing.mailer.models import EmailLog

    return db.session.scalars(select(EmailLog).where(EmailLog.invoice_id == invoice_id)).all()


def _audit_actions(invoice_id):
    from core.api import db
    from core.models import AuditEntry

    query = select(AuditEntry.action).where(AuditEntry.record_id == str(invoice_id))
    return list(db.session.scalars(query.order_by(AuditEntry.id)))


def test_send_emails_pdf_and_peppol_xml_to_the_customer(api, mail_customer, smtp_server):
    inv = _approved(api, mail_customer)
    resp = api.post(f"/api/v1/invoices/{inv['id']}/send")
    assert resp.status_code == 200 and resp.get_json()["status"] == "SENT"

    [message] = smtp_server.messages
    assert message["To"] == "ap@gulfbuyer.ae" and message["From"] == SENDER
    assert message["Subject"] == f"Tax Invoice {inv['number']} from Acme Trading LLC"
    body = message.get_body(("plain",)).get_content()
    assert inv["number"] in body and "AED\xa01,679.99" in body and "Mar 15, 2026" in body
    files = attachments(message)
    assert set(files) == {"INV-2026-00001.pdf", "INV-2026-00001.xml"}
    pdf = files["INV-2026-00001.pdf"]
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_content().startswith(b"%PDF")
    xml = files["INV-2026-00001.xml"]
    tree = etree.fromstring(
        xml.get_content().encode() if isinstance(xml.get_content(), str) else xml.get_content()
    )
    assert tree.findtext("cbc:ID", namespaces=NS) == inv["number"]
    assert "peppol" in tree.findtext("cbc:CustomizationID", namespaces=NS)

    [log] = _logs(inv["id"])
    assert (log.status, log.kind, log.recipient, log.error) == (
        "sent",
        "invoice",
        "ap@gulfbuyer.ae",
        None,
    )
    assert "InvoiceEmailed" in _audit_actions(inv["id"])


def test_refused_recipient_is_recorded_and_the_invoice_stays_sent(api, customer, smtp_server):
    from core.api import db
    from core.models import Job
    from plugins.invoicing.services import customers

    customers.update(customer, {"email": "reject@gulfbuyer.ae"})
    db.session.commit()
    inv = _approved(api, customer)
    resp = api.post(f"/api/v1/invoices/{inv['id']}/send")
    assert resp.status_code == 200 and resp.get_json()["status"] == "SENT"
    assert smtp_server.messages == []
    [log] = _logs(inv["id"])
    assert log.status == "failed" and "550" in log.error and "mailbox unavailable" in log.error
    job = db.session.scalars(select(Job).where(Job.name == "invoicing.send_email")).one()
    assert job.status == "failed" and "mailbox unavailable" in job.errors[-1]
    assert "InvoiceEmailFailed" in _audit_actions(inv["id"])


def test_customer_without_email_is_a_recorded_failure(api, customer, smtp_server):
    inv = _approved(api, customer)
    assert api.post(f"/api/v1/invoices/{inv['id']}/send").status_code == 200
    [log] = _logs(inv["id"])
    assert log.status == "failed" and "has no e-mail address" in log.error
    assert smtp_server.messages == []


def test_without_smtp_settings_send_only_changes_the_status(app, api, mail_customer, smtp_server):
    app.config.pop("INVOICING_SMTP_HOST")
    inv = _approved(api, mail_customer)
    assert api.post(f"/api/v1/invoices/{inv['id']}/send").get_json()["status"] == "SENT"
    assert smtp_server.messages == [] and _logs(inv["id"]) == []


def test_refused_transition_sends_nothing(api, mail_customer, smtp_server):
    draft = api.post("/api/v1/invoices", json=draft_payload(mail_customer.id)).get_json()
    inv = api.post(f"/api/v1/invoices/{draft['id']}/finalize").get_json()
    assert api.post(f"/api/v1/invoices/{inv['id']}/send").status_code == 409  # not approved
    assert smtp_server.messages == []
