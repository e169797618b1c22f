"""The e-mails a customer receives: the invoice with its PDF and UBL XML, and reminders."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

from flask import render_template

from core.api import Company, db
from plugins.invoicing import einvoice_xml, mapping, pdf
from plugins.invoicing.models import Invoice
from plugins.invoicing.pdf.content import TITLES
from plugins.invoicing.services import einvoice_gate


def _context(invoice: Invoice, **extra) -> dict:
    company = db.session.get(Company, invoice.company_id)
    return {
        "invoice": invoice,
        "company": company,
        "customer": invoice.customer,
        "title": TITLES.get(invoice.type, "Tax Invoice"),
        **extra,
    }


def _compose(invoice: Invoice, sender: str, subject: str, template: str, ctx: dict):
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = invoice.customer.email
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(render_template(f"invoicing/email/{template}.txt", **ctx))
    message.add_alternative(
        render_template(f"invoicing/email/{template}.html", **ctx), subtype="html"
    )
    message.add_attachment(
        pdf.render_pdf(invoice),
        maintype="application",
        subtype="pdf",
        filename=pdf.filename(invoice),
    )
    return message


def invoice_message(invoice: Invoice, sender: str) -> EmailMessage:
    ctx = _context(invoice)
    subject = f"{ctx['title']} {invoice.number} from {ctx['company'].name}"
    message = _compose(invoice, sender, subject, "invoice", ctx)
    body = einvoice_xml.render(mapping.to_document(invoice), einvoice_gate.sealed_profile(invoice))
    name = pdf.filename(invoice).removesuffix(".pdf") + ".xml"
    message.add_attachment(body, maintype="application", subtype="xml", filename=name)
    return message


def reminder_message(invoice: Invoice, sender: str, days_overdue: int) -> EmailMessage:
    ctx = _context(invoice, days_overdue=days_overdue)
    subject = f"Payment reminder: {invoice.number} is {days_overdue} days overdue"
    return _compose(invoice, sender, subject, "reminder", ctx)
