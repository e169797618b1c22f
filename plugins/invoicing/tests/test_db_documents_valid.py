"""Invoices built from database rows (real services and API) pass the official rules.

Each shape is created through POST /api/v1/invoices, finalized through the API, fetched as
UBL in both profiles and judged by the official validator (tests/support/einvoice.py).
"""

from __future__ import annotations

import pytest

from tests.support.einvoice import explain, validate

PROFILES = ("peppol", "pint-ae")
SELLER = {
    "iban": "AE070331234567890123456",
    "address_line1": "1 Sheikh Zayed Rd",
    "city": "Dubai",
    "peppol_id": "0235:1001234567",
    "subdivision": "AE-DU",
    "legal_id": "CN-1234567",
    "legal_id_type": "TL",
    "legal_id_authority": "Dubai Department of Economy and Tourism",
}


@pytest.fixture
def company(make_company):
    return make_company(**SELLER)


def _customer(api, **extra) -> int:
    body = {
        "name": "Gulf Buyer LLC",
        "trn": "100987654300003",
        "peppol_id": "0235:1009876543",
        "address_line1": "2 Corniche",
        "city": "Abu Dhabi",
        "emirate": "AE-AZ",
        "country": "AE",
        **extra,
    }
    response = api.post("/api/v1/customers", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def _line(description="Consulting", quantity="10", price="150.00", **extra):
    return {"description": description, "quantity": quantity, "unit_price": price, **extra}


def _finalize(api, body) -> dict:
    created = api.post("/api/v1/invoices", json=body)
    assert created.status_code == 201, created.get_json()
    done = api.post(f"/api/v1/invoices/{created.get_json()['id']}/finalize")
    assert done.status_code == 200, done.get_json()
    return done.get_json()


def _assert_valid(api, invoice_id: int) -> None:
    for profile in PROFILES:
        response = api.get(f"/api/v1/invoices/{invoice_id}/ubl?profile={profile}")
        assert response.status_code == 200, (profile, response.get_json())
        report = validate(response.data, profile)
        assert report["fatal_rules"] == [], f"{profile}:\n{explain(report)}"


def _body(cid, *lines, **extra) -> dict:
    return {
        "customer_id": cid,
        "issue_date": "2026-03-01",
        "buyer_reference": "PO-77",
        "lines": list(lines) or [_line()],
        **extra,
    }


SHAPES = {
    "standard 5 %": lambda cid: _body(
        cid, _line(), _line("Licence", "1", "99.99", unit_code="H87")
    ),
    "zero-rated": lambda cid: _body(
        cid, _line("Export freight", "2", "500.00", tax_category="Z", tax_rate="0")
    ),
    "exempt with reason": lambda cid: _body(
        cid,
        _line(),
        _line(
            "Life insurance",
            "1",
            "1200.00",
            tax_category="E",
            tax_rate="0",
            exemption_reason="Financial services",
        ),
    ),
    "reverse charge": lambda cid: _body(
        cid,
        _line(
            "Gold bars",
            "3",
            "2500.00",
            unit_code="H87",
            tax_category="AE",
            tax_rate="0",
            exemption_reason="Reverse charge",
            gtin="5790000435968",
            goods_type="DL8.48.3.1",
        ),
    ),
    "allowance": lambda cid: _body(
        cid, _line("Laptops", "4", "3200.00", unit_code="H87", allowance="640.00")
    ),
    "USD with AED tax total": lambda cid: _body(
        cid,
        _line("Design work", "12", "95.50", unit_code="HUR"),
        currency="USD",
        exchange_rate="3.6725",
    ),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_invoice_shapes_pass_both_profiles(api, shape):
    cid = _customer(api)
    invoice = _finalize(api, SHAPES[shape](cid))
    _assert_valid(api, invoice["id"])


def test_credit_note_passes_both_profiles(api):
    cid = _customer(api)
    original = _finalize(api, SHAPES["standard 5 %"](cid))
    draft = api.post(
        f"/api/v1/invoices/{original['id']}/credit-notes",
        json={"credit_reason": "DL8.61.1.B"},
    )
    assert draft.status_code == 201, draft.get_json()
    note = api.post(f"/api/v1/invoices/{draft.get_json()['id']}/finalize")
    assert note.status_code == 200, note.get_json()
    _assert_valid(api, note.get_json()["id"])
