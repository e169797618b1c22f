"""Fixtures for payments tests: finalized invoices to pay, a signed-in browser client, and
short request and form helpers."""

from __future__ import annotations

import re

import pytest

__all__ = ["invoice_for", "signed_in", "pay", "events_named", "allocation"]

HX = {"HX-Request": "true"}


@pytest.fixture
def signed_in(admin, customer, login):
    """A client signed in as the company admin, with one customer to pay."""
    return login()


def form_value(html, name):
    """The value of the form field ``name`` in a rendered page or fragment."""
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', html) or re.search(
        rf'value="([^"]*)"[^>]*name="{name}"', html
    )
    assert match, f"no {name} in form"
    return match.group(1)


def form_keys(html):
    """The CSRF token and idempotency key a rendered money form posts back."""
    return {name: form_value(html, name) for name in ("csrf_token", "idempotency_key")}


def fragment(client, url):
    """The HTMX fragment at ``url``, which must answer 200."""
    resp = client.get(url, headers=HX)
    assert resp.status_code == 200
    return resp.get_data(as_text=True)


def post_amount_form(client, url, html, **fields):
    """Post a rendered money form back as htmx does: its keys and prefilled amount, then
    ``fields`` (which may change the amount)."""
    data = {**form_keys(html), "amount": form_value(html, "amount"), **fields}
    return client.post(url, data=data, headers=HX)


@pytest.fixture
def invoice_for(api, customer):
    """``invoice_for("1000.00")``: a finalized invoice of one 5 % line (total 1050.00)."""

    def make(unit_price="1000.00", customer_id=None, currency=None, finalize=True):
        body = {
            "customer_id": customer_id or customer.id,
            "issue_date": "2026-03-01",
            "buyer_reference": "PO-1",
            "lines": [{"description": "Work", "quantity": "1", "unit_price": unit_price}],
        }
        if currency:
            body.update(currency=currency, exchange_rate="3.6725")
        inv = api.post("/api/v1/invoices", json=body).get_json()
        assert "id" in inv, inv
        if finalize:
            resp = api.post(f"/api/v1/invoices/{inv['id']}/finalize")
            assert resp.status_code == 200, resp.get_json()
            inv = resp.get_json()
        return inv

    return make


def allocation(invoice_id, amount):
    return {"invoice_id": invoice_id, "amount": amount}


def pay(api, *allocations, method="bank_transfer", key=None, **extra):
    """POST a payment whose amount is the sum of its allocations (unless given)."""
    from decimal import Decimal

    total = sum(Decimal(a["amount"]) for a in allocations)
    body = {"amount": str(total), "method": method, "allocations": list(allocations), **extra}
    headers = {"Idempotency-Key": key} if key else None
    return api.post("/api/v1/payments", json=body, headers=headers)


def events_named(listener, name):
    return [e["args"][0] for e in listener.get_received() if e["name"] == name]
