"""Hostile input on the invoicing API and pages: a 4xx naming the field, never a 500 (issue 7),
and core's API conventions on invoicing's blueprint (issue 8)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from plugins.invoicing.tests.helpers import draft_payload

HUGE = "99999999999999999999999"
BEYOND_64 = 2**63
HX = {"HX-Request": "true"}


def fields_of(resp) -> dict:
    assert resp.status_code == 422, resp.get_data(as_text=True)[:300]
    body = resp.get_json()
    assert body["error"]["code"] == "validation_failed"
    return body["error"]["details"]["fields"]


@pytest.mark.parametrize(
    "body",
    [
        {"name": "B", "payment_terms_days": "²"},
        {"name": "B", "payment_terms_days": str(BEYOND_64)},
        {"name": "B\ud800"},
        {"name": "B\x00"},
        {"name": "B", "city": "Dubai\x1b"},
    ],
)
def test_customer_hostile_fields_are_422_naming_the_field(api, body):
    resp = api.post("/api/v1/customers", json=body)
    fields = fields_of(resp)
    assert set(fields) & set(body), fields


def test_unknown_customer_field_is_422_naming_it(api):
    assert fields_of(api.post("/api/v1/customers", json={"name": "B", "colour": "red"})) == {
        "colour": "is not a known field"
    }


def test_credit_note_reason_is_an_unknown_field_not_silently_dropped(api, customer):
    inv = api.post("/api/v1/invoices", json=draft_payload(customer.id)).get_json()
    assert api.post(f"/api/v1/invoices/{inv['id']}/finalize").status_code == 200
    resp = api.post(f"/api/v1/invoices/{inv['id']}/credit-notes", json={"reason": "DL8.61.1.A"})
    assert fields_of(resp) == {"reason": "is not a known field"}


@pytest.mark.parametrize(
    "change",
    [
        {"customer_id": "²"},
        {"customer_id": BEYOND_64},
        {"customer_id": 2**63 - 1},
        {"issue_date": "9999-12-31"},
        {"notes": "a\x00b"},
        {"buyer_reference": "\ud800"},
        {"lines": [{"description": "x\x00", "quantity": "1", "unit_price": "1"}]},
        {"lines": [{"description": "x", "quantity": "1e400", "unit_price": "1"}]},
        {"lines": [{"description": "x", "quantity": "1", "unit_price": "1e30"}]},
        {"exchange_rate": "1e400"},
    ],
)
def test_invoice_hostile_fields_are_422(api, customer, change):
    resp = api.post("/api/v1/invoices", json=draft_payload(customer.id, **change))
    assert fields_of(resp)


def test_issue_date_at_the_end_of_time_without_due_date_is_422(api, customer):
    body = draft_payload(customer.id, issue_date="9999-12-31")
    assert "issue_date" in fields_of(api.post("/api/v1/invoices", json=body))


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/invoices?customer_id=²",
        f"/api/v1/invoices?customer_id={HUGE}",
        f"/api/v1/invoices?offset={HUGE}",
        f"/api/v1/customers?limit={HUGE}",
        "/api/v1/invoices?q=a%00",
    ],
)
def test_hostile_query_parameters_are_400(api, path):
    resp = api.get(path)
    assert resp.status_code == 400, resp.get_data(as_text=True)[:300]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", f"/api/v1/invoices/{HUGE}"),
        ("GET", f"/api/v1/customers/{BEYOND_64}"),
        ("GET", f"/api/v1/customers/{2**31}"),
        ("PATCH", f"/api/v1/customers/{HUGE}"),
        ("POST", f"/api/v1/invoices/{HUGE}/finalize"),
        ("GET", f"/api/v1/invoices/{HUGE}/pdf"),
    ],
)
def test_path_ids_beyond_64_bits_are_404(api, method, path):
    resp = api._call(method, path, json={} if method != "GET" else None)
    assert resp.status_code == 404


def test_deep_json_is_400(api):
    resp = api.client.post(
        "/api/v1/customers",
        data="[" * 100_000,
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.token}"},
    )
    assert resp.status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        f"/invoicing/invoices/{HUGE}",
        f"/invoicing/customers/{HUGE}",
        f"/invoicing/customers/{HUGE}/edit",
    ],
)
def test_page_ids_beyond_64_bits_are_404(admin, login, path):
    assert login().get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        f"/invoicing/invoices?customer_id={HUGE}",
        "/invoicing/invoices?customer_id=²",
        f"/invoicing/invoices?offset={HUGE}",
        "/invoicing/customers?q=%00",
    ],
)
def test_page_filters_beyond_64_bits_are_400(admin, login, path):
    assert login().get(path).status_code == 400


@pytest.mark.parametrize("path", ["/invoicing/invoices/new", "/invoicing/customers/new", "edit"])
def test_htmx_requests_of_the_forms_render(admin, customer, login, path):
    if path == "edit":
        path = f"/invoicing/customers/{customer.id}/edit"
    resp = login().get(path, headers=HX)
    assert resp.status_code == 200
    assert "<form" in resp.get_data(as_text=True)


def test_five_posts_with_one_key_make_one_customer(api):
    from core.api import db
    from plugins.invoicing.models import Customer

    key = {"Idempotency-Key": "customer-once"}
    answers = [api.post("/api/v1/customers", json={"name": "Once"}, headers=key) for _ in range(5)]
    assert [a.status_code for a in answers] == [201] * 5
    assert len({a.get_data() for a in answers}) == 1
    assert [a.headers.get("Idempotent-Replayed") for a in answers[1:]] == ["true"] * 4
    count = select(func.count()).select_from(Customer).where(Customer.name == "Once")
    assert db.session.scalar(count) == 1
    other = api.post("/api/v1/customers", json={"name": "Twice"}, headers=key)
    assert other.status_code == 409
    assert other.get_json()["error"]["code"] == "idempotency_key_reused"


def test_patch_honours_the_key_too(api, customer):
    key = {"Idempotency-Key": "patch-once"}
    first = api.patch(f"/api/v1/customers/{customer.id}", json={"city": "Ajman"}, headers=key)
    again = api.patch(f"/api/v1/customers/{customer.id}", json={"city": "Ajman"}, headers=key)
    assert first.status_code == again.status_code == 200
    assert again.headers.get("Idempotent-Replayed") == "true"
