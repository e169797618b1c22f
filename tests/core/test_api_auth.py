"""Who may call /api/v1: tokens, sessions with CSRF, scopes, roles; JSON errors everywhere."""

from __future__ import annotations

import pytest

from tests.support.fixtures import csrf_token


@pytest.fixture
def acme(make_company, make_user):
    company = make_company()
    return company, make_user(company=company)


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def test_no_credentials_is_401_json(client):
    resp = client.get("/api/v1/company")
    assert resp.status_code == 401
    body = resp.get_json()
    assert body["error"]["code"] == "unauthorized"
    assert body["correlation_id"] == resp.headers["X-Correlation-ID"]
    assert resp.headers["WWW-Authenticate"].startswith("Bearer")


def test_unknown_or_revoked_token_is_401(client, acme, api_token):
    from core.auth.tokens import find_active, revoke
    from core.db import db
    from core.models import User

    assert client.get("/api/v1/me", headers=bearer("llt_not-a-real-token")).status_code == 401
    secret = api_token(acme[1])
    assert client.get("/api/v1/me", headers=bearer(secret)).status_code == 200
    revoke(find_active(secret))
    db.session.commit()
    assert client.get("/api/v1/me", headers=bearer(secret)).status_code == 401
    # A deactivated user's tokens are refused from the next request on, too.
    other = api_token(acme[1])
    assert client.get("/api/v1/me", headers=bearer(other)).status_code == 200
    db.session.get(User, acme[1].id).active = False
    db.session.commit()
    assert client.get("/api/v1/me", headers=bearer(other)).status_code == 401


def test_me_describes_the_token(client, acme, api_token):
    company, user = acme
    body = client.get("/api/v1/me", headers=bearer(api_token(user, "read"))).get_json()
    assert body["email"] == "admin@acme.ae"
    assert body["company_id"] == company.id
    assert body["via"] == "token"
    assert body["scopes"] == ["read"]
    assert body["can_write"] is False
    assert "core.company.update" in body["permissions"]


def test_bearer_write_needs_no_csrf(client, acme, api_token):
    resp = client.patch(
        "/api/v1/company", json={"city": "Ajman"}, headers=bearer(api_token(acme[1]))
    )
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["city"] == "Ajman"


def test_session_write_needs_csrf(client, acme, login):
    login()
    assert client.get("/api/v1/company").status_code == 200  # reads need no token
    refused = client.patch("/api/v1/company", json={"city": "Ajman"})
    assert refused.status_code == 400
    assert refused.get_json()["error"]["code"] == "csrf_failed"
    token = csrf_token(client, "/")
    resp = client.patch("/api/v1/company", json={"city": "Ajman"}, headers={"X-CSRFToken": token})
    assert resp.status_code == 200
    assert resp.get_json()["city"] == "Ajman"


def test_read_only_token_cannot_write(client, acme, api_token):
    resp = client.patch(
        "/api/v1/company", json={"city": "Ajman"}, headers=bearer(api_token(acme[1], "read"))
    )
    assert resp.status_code == 403
    assert resp.get_json()["error"]["code"] == "insufficient_scope"
    assert (
        client.get("/api/v1/company", headers=bearer(api_token(acme[1], "read"))).json["city"]
        == "Dubai"
    )


def test_super_admin_reads_but_never_writes(client, acme, make_user, api_token):
    admin = make_user(email="root@ledgerline.test", role="SUPER_ADMIN")
    secret = api_token(admin)
    assert client.get("/api/v1/audit", headers=bearer(secret)).status_code == 200
    resp = client.patch("/api/v1/company", json={"city": "Ajman"}, headers=bearer(secret))
    assert resp.status_code == 403
    assert resp.get_json()["error"]["code"] == "read_only"


def test_missing_permission_is_403_forbidden(client, acme, make_user, api_token):
    clerk = make_user(email="clerk@acme.ae", company=acme[0], role="FINANCE_USER")
    secret = api_token(clerk)
    assert client.get("/api/v1/company", headers=bearer(secret)).status_code == 200
    resp = client.patch("/api/v1/company", json={"city": "Ajman"}, headers=bearer(secret))
    assert resp.status_code == 403
    assert resp.get_json()["error"] == {
        "code": "forbidden",
        "message": "You lack the permission core.company.update.",
        "details": {"permission": "core.company.update"},
    }


def test_incoming_correlation_id_is_echoed(client, acme, api_token):
    headers = {**bearer(api_token(acme[1])), "X-Correlation-ID": "trace-0123456789"}
    resp = client.get("/api/v1/nothing-here", headers=headers)
    assert resp.status_code == 404
    assert resp.headers["X-Correlation-ID"] == "trace-0123456789"
    assert resp.get_json()["correlation_id"] == "trace-0123456789"


def test_plain_blueprint_under_api_still_requires_an_actor(app, client, acme, api_token):
    from flask import Blueprint

    stray = Blueprint("test_stray", __name__, url_prefix="/api/v1/test-stray")

    @stray.get("/secret")
    def secret_view():
        """A plugin route that forgot api_blueprint."""
        return {"secret": 42}

    app.register_blueprint(stray)
    resp = client.get("/api/v1/test-stray/secret")
    assert resp.status_code == 401
    assert resp.get_json()["error"]["code"] == "unauthorized"
    ok = client.get("/api/v1/test-stray/secret", headers=bearer(api_token(acme[1])))
    assert ok.get_json() == {"secret": 42}
