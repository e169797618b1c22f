"""API tokens page: secret shown once, stored hashed, scopes enforced, revocation, last use."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest

from tests.support.fixtures import csrf_token


@pytest.fixture
def company(make_company):
    return make_company()


@pytest.fixture
def user(company, make_user):
    return make_user(company=company)


def create(client, name="Export", scopes="read"):
    token = csrf_token(client, "/account/tokens")
    return client.post(
        "/account/tokens", data={"name": name, "scopes": scopes, "csrf_token": token}
    )


def secret_in(resp) -> str:
    return re.search(r"<code>(llt_[A-Za-z0-9_-]+)</code>", resp.get_data(as_text=True)).group(1)


def bearer(secret):
    return {"Authorization": f"Bearer {secret}"}


def only_token():
    from sqlalchemy import select

    from core.db import db
    from core.models import ApiToken

    db.session.expire_all()
    return db.session.scalars(select(ApiToken)).one()


def test_secret_is_shown_once_and_stored_hashed(client, user, login):
    login()
    resp = create(client, "Accounting export", "read,write")
    assert resp.status_code == 201 and resp.headers["Cache-Control"] == "no-store"
    secret = secret_in(resp)
    assert "will not be shown again" in resp.get_data(as_text=True)
    listing = client.get("/account/tokens").get_data(as_text=True)
    assert secret not in listing
    row = only_token()
    assert f"<code>{row.prefix}…</code>" in listing and "Accounting export" in listing
    assert "Read and write" in listing and "never" in listing
    assert row.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in (row.token_hash, row.prefix, row.name)


def test_token_form_errors_are_shown_not_500(client, user, login):
    login()
    resp = create(client, "", "read")
    assert resp.status_code == 400 and "This field is required" in resp.get_data(as_text=True)
    resp = create(client, "X", "admin")
    assert resp.status_code == 400 and "Not a valid choice" in resp.get_data(as_text=True)
    resp = client.post("/account/tokens", data={"name": "No CSRF", "scopes": "read"})
    assert resp.status_code == 400


def test_token_authenticates_api_calls(client, user, login):
    login()
    secret = secret_in(create(client))
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    resp = client.get("/api/v1/me", headers=bearer(secret))
    assert resp.status_code == 200
    assert resp.json["email"] == "admin@acme.ae" and resp.json["via"] == "token"
    assert resp.json["scopes"] == ["read"] and resp.json["can_write"] is False


def test_read_only_token_cannot_write(client, company, user, login):
    login()
    read = secret_in(create(client, "reader", "read"))
    write = secret_in(create(client, "writer", "read,write"))
    resp = client.patch("/api/v1/company", json={"city": "Ajman"}, headers=bearer(read))
    assert resp.status_code == 403 and resp.json["error"]["code"] == "insufficient_scope"
    assert client.get("/api/v1/company", headers=bearer(read)).json["city"] == "Dubai"
    resp = client.patch("/api/v1/company", json={"city": "Ajman"}, headers=bearer(write))
    assert resp.status_code == 200 and resp.json["city"] == "Ajman"


def test_revoked_token_gets_401_json(client, user, login):
    login()
    secret = secret_in(create(client))
    assert client.get("/api/v1/me", headers=bearer(secret)).status_code == 200
    row = only_token()
    resp = client.post(
        f"/account/tokens/{row.id}/revoke",
        data={"csrf_token": csrf_token(client, "/account/tokens")},
    )
    assert resp.status_code == 302
    assert "Revoked" in client.get("/account/tokens").get_data(as_text=True)
    resp = client.get("/api/v1/me", headers=bearer(secret))
    assert resp.status_code == 401
    assert resp.json["error"]["code"] == "unauthorized" and resp.json["correlation_id"]


def test_nobody_revokes_someone_elses_token(client, company, user, make_user, api_token, login):
    other = make_user(email="other@acme.ae", company=company)
    secret = api_token(other, "read")
    login()
    row = only_token()
    resp = client.post(
        f"/account/tokens/{row.id}/revoke",
        data={"csrf_token": csrf_token(client, "/account/tokens")},
    )
    assert resp.status_code == 404
    assert "llt_" not in client.get("/account/tokens").get_data(as_text=True)
    assert client.get("/api/v1/me", headers=bearer(secret)).status_code == 200


def test_bad_token_never_falls_back_to_the_session(client, user, login):
    login()
    resp = client.get("/api/v1/me", headers=bearer("llt_not-a-real-token"))
    assert resp.status_code == 401
    assert client.get("/api/v1/me").json["via"] == "session"


def test_last_used_is_written_at_most_once_a_minute(client, user, api_token):
    from core.db import db

    secret = api_token(user, "read")
    assert only_token().last_used_at is None
    client.get("/api/v1/me", headers=bearer(secret))
    first = only_token().last_used_at
    assert first is not None
    client.get("/api/v1/me", headers=bearer(secret))
    assert only_token().last_used_at == first
    row = only_token()
    row.last_used_at = first - timedelta(minutes=2)
    db.session.commit()
    client.get("/api/v1/me", headers=bearer(secret))
    assert only_token().last_used_at > first - timedelta(minutes=2)


def test_super_admin_cannot_make_tokens_on_the_page(client, make_user, login):
    make_user(email="root@ledgerline.ae", role="SUPER_ADMIN")
    login("root@ledgerline.ae")
    assert client.get("/account/tokens").status_code == 403
    assert "Manage API tokens" not in client.get("/account").get_data(as_text=True)
