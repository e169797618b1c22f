"""Fixtures for invoicing tests: a company with an admin, a customer, and API clients."""

from __future__ import annotations

import pytest

__all__ = ["company", "admin", "customer", "api", "draft_payload", "raw_sql"]


@pytest.fixture
def company(make_company):
    return make_company(
        iban="AE070331234567890123456", address_line1="1 Sheikh Zayed Rd", city="Dubai"
    )


@pytest.fixture
def admin(make_user, company):
    return make_user(company=company)


@pytest.fixture
def customer(app, company):
    from core.api import db
    from plugins.invoicing.services import customers

    made = customers.create(
        company.id,
        {
            "name": "Gulf Buyer LLC",
            "trn": "100987654300003",
            "peppol_id": "0235:1009876543",
            "address_line1": "2 Corniche",
            "city": "Abu Dhabi",
            "country": "AE",
            "payment_terms_days": 14,
        },
    )
    db.session.commit()
    return made


class Api:
    """A test client that speaks JSON with a Bearer token."""

    def __init__(self, client, token):
        self.client, self.token = client, token

    def _call(self, method, path, json=None, headers=None):
        all_headers = {"Authorization": f"Bearer {self.token}", **(headers or {})}
        return self.client.open(path, method=method, json=json, headers=all_headers)

    def get(self, path, **kw):
        return self._call("GET", path, **kw)

    def post(self, path, json=None, **kw):
        return self._call("POST", path, json=json if json is not None else {}, **kw)

    def patch(self, path, json=None, **kw):
        return self._call("PATCH", path, json=json, **kw)

    def delete(self, path, **kw):
        return self._call("DELETE", path, **kw)


@pytest.fixture
def api(client, admin, api_token):
    return Api(client, api_token(admin))


def draft_payload(cid, **extra):
    body = {
        "customer_id": cid,
        "issue_date": "2026-03-01",
        "buyer_reference": "PO-77",
        "lines": [
            {"description": "Consulting", "quantity": "10", "unit_price": "150.00"},
            {"description": "Licence", "quantity": "1", "unit_price": "99.99", "unit_code": "H87"},
        ],
    }
    body.update(extra)
    return body


def raw_sql(sql: str, **params):
    """Run SQL outside the ORM (tenant scoping and app checks bypassed) and commit."""
    from sqlalchemy import text

    from core.api import db

    result = db.session.execute(text(sql), params)
    db.session.commit()
    return result
