"""Helpers for the page tests (no tests here): documents made through the real services, and
a signed-in browser-like client that sends the page's CSRF token."""

from __future__ import annotations

import re

from core.api import db
from plugins.invoicing.services import customers, drafts, finalize
from plugins.invoicing.tests.helpers import draft_payload
from tests.support.fixtures import csrf_token


def make_customer(company, name: str, peppol_id: str = "0235:1000000042"):
    data = {"name": name, "country": "AE", "city": "Dubai", "peppol_id": peppol_id}
    data["address_line1"] = "1 Sheikh Zayed Road"  # PINT-AE ibr-144-ae: a street
    made = customers.create(company.id, data)
    db.session.commit()
    return made


def make_draft(company, customer, **extra):
    invoice = drafts.create(company.id, draft_payload(customer.id, **extra))
    db.session.commit()
    return invoice


def make_final(company, customer, **extra):
    invoice = make_draft(company, customer, **extra)
    finalize.finalize(invoice)
    db.session.commit()
    return invoice


def one_line(price: str, quantity: str = "1", **extra) -> list[dict]:
    return [{"description": "Item", "quantity": quantity, "unit_price": price, **extra}]


def post_form(client, path: str, data: dict, page: str | None = None, **kw):
    """POST like a browser: the CSRF token is read from a page the user has open."""
    token = csrf_token(client, page or "/invoicing/invoices")
    return client.post(path, data={"csrf_token": token, **data}, **kw)


def row_ids(html: str) -> list[int]:
    """Invoice ids in table order, as the user sees them listed."""
    return [int(n) for n in re.findall(r'id="invoice-row-(\d+)"', html)]
