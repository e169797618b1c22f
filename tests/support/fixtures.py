"""Fixtures that make companies, users and logged-in clients through the real code paths."""

from __future__ import annotations

import re

import pytest

__all__ = ["make_company", "make_user", "login", "csrf_token", "api_token"]


UAE_LEGAL = {
    "subdivision": "AE-DU",
    "address_line1": "1 Sheikh Zayed Rd",  # PINT-AE ibr-143-ae: street, city and emirate
    "city": "Dubai",
    "legal_id": "CN-1234567",
    "legal_id_type": "TL",
    "legal_id_authority": "Dubai Department of Economy and Tourism",
}


@pytest.fixture
def make_company(app):
    from core.db import db
    from core.models import Company

    def make(name="Acme Trading LLC", trn="100123456700003", **kw):
        country = kw.pop("country", "AE")
        if country == "AE":  # what PINT-AE needs of a UAE seller; finalize refuses without it
            kw = {**UAE_LEGAL, **kw}
        company = Company(name=name, trn=trn, country=country, **kw)
        db.session.add(company)
        db.session.commit()
        return company

    return make


@pytest.fixture
def make_user(app):
    from core.auth.passwords import hash_password
    from core.db import db
    from core.models import User

    def make(email="admin@acme.ae", company=None, role="COMPANY_ADMIN", password="correct horse"):
        user = User(
            email=email,
            password_hash=hash_password(password),
            role=role,
            company_id=company.id if company is not None else None,
        )
        db.session.add(user)
        db.session.commit()
        return user

    return make


def csrf_token(client, path="/login") -> str:
    html = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf-token" content="([^"]+)"', html) or re.search(
        r'name="csrf_token"[^>]*value="([^"]+)"', html
    )
    assert match, f"no CSRF token on {path}"
    return match.group(1)


@pytest.fixture
def login(client):
    def do(email="admin@acme.ae", password="correct horse"):
        token = csrf_token(client)
        resp = client.post(
            "/login", data={"email": email, "password": password, "csrf_token": token}
        )
        assert resp.status_code == 302, resp.get_data(as_text=True)[:500]
        return client

    return do


@pytest.fixture
def api_token(app):
    from core.auth.tokens import create_token
    from core.db import db

    def make(user, scopes="read,write"):
        _, secret = create_token(user, scopes)
        db.session.commit()
        return secret

    return make
