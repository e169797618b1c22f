"""Amounts and quantities are limited at input to what both databases store exactly, and what
is stored comes back exactly (never through float), so the hash chain holds."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.api import db
from plugins.invoicing.tests.helpers import draft_payload


def _line(quantity="1", unit_price="10.00", **extra):
    return {"description": "Work", "quantity": quantity, "unit_price": unit_price, **extra}


def _create(api, customer, *lines):
    return api.post("/api/v1/invoices", json=draft_payload(customer.id, lines=list(lines)))


def test_a_line_too_large_for_the_columns_is_a_clear_422(api, customer):
    resp = _create(api, customer, _line("999999999999", "999999999999"))
    assert resp.status_code == 422, resp.get_json()
    fields = resp.get_json()["error"]["details"]["fields"]
    assert "quantity × unit price" in fields["lines[0].unit_price"]
    assert api.get("/api/v1/chain/verify").get_json()["ok"] is True


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("quantity", "1.0000001", "at most 6 decimals"),
        ("unit_price", "0.0000001", "at most 6 decimals"),
        ("allowance", "0.001", "at most 2 decimals"),
        ("quantity", "1000000000000", "out of range"),
        ("unit_price", "1e12", "out of range"),
    ],
)
def test_more_decimals_or_digits_than_stored_are_refused(api, customer, field, value, message):
    line = _line(**{field: value})
    resp = _create(api, customer, line)
    assert resp.status_code == 422, resp.get_json()
    assert message in resp.get_json()["error"]["details"]["fields"][f"lines[0].{field}"]


def test_the_largest_line_allowed_is_accepted(api, customer):
    resp = _create(api, customer, _line("999999999.999999", "1000"))
    assert resp.status_code == 201, resp.get_json()
    assert resp.get_json()["lines"][0]["quantity"] == "999999999.999999"


def test_large_exact_totals_round_trip_and_the_chain_verifies(api, customer):
    """100 lines just under the line limit: a total of 17 significant digits, which a float
    (SQLite's REAL) cannot hold; it must read back to the cent and keep its hash."""
    lines = [_line("1", "999999999999.37") for _ in range(100)]
    draft = _create(api, customer, *lines)
    assert draft.status_code == 201, draft.get_json()
    done = api.post(f"/api/v1/invoices/{draft.get_json()['id']}/finalize")
    assert done.status_code == 200, done.get_json()
    expected_net = Decimal("999999999999.37") * 100
    expected_tax = (expected_net * Decimal("0.05")).quantize(Decimal("0.01"))
    assert done.get_json()["total"] == str(expected_net + expected_tax)
    db.session.expire_all()
    again = api.get(f"/api/v1/invoices/{draft.get_json()['id']}").get_json()
    assert again["total"] == done.get_json()["total"]
    assert again["lines"][0]["unit_price"] == "999999999999.37"
    assert api.get(f"/api/v1/invoices/{again['id']}/verify").get_json()["ok"] is True
    assert api.get("/api/v1/chain/verify").get_json()["ok"] is True
