"""Sessions that really end: sign-out, password change, MFA reset and deactivation end every
session of the user, every copy of the cookie included; deactivated users cannot sign in."""

from __future__ import annotations

import pyotp
import pytest

from tests.core.test_mfa import enrol, next_code
from tests.support.fixtures import csrf_token


@pytest.fixture
def acme(make_company):
    return make_company()


@pytest.fixture
def admin(acme, make_user):
    return make_user(company=acme)


@pytest.fixture
def colleague(acme, make_user):
    return make_user("ops@acme.ae", acme, role="FINANCE_USER")


def copy_of(app, client):
    """A second browser holding a copy of ``client``'s session cookie (a stolen cookie)."""
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


def signed_in(client) -> bool:
    return client.get("/api/v1/me").status_code == 200


def post(client, path, page="/", **data):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, page)})


def test_after_sign_out_a_copy_of_the_old_cookie_is_refused(app, client, admin, login):
    login()
    thief = copy_of(app, client)
    assert signed_in(thief) and thief.get("/account/tokens").status_code == 200
    assert post(client, "/logout").status_code == 302
    assert thief.get("/api/v1/me").status_code == 401
    resp = thief.get("/account/tokens")
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/login")


def test_sign_out_ends_the_users_sessions_in_other_browsers(app, admin, login):
    first, second = app.test_client(), app.test_client()
    for browser in (first, second):
        browser.post(
            "/login",
            data={
                "email": "admin@acme.ae",
                "password": "correct horse",
                "csrf_token": csrf_token(browser),
            },
        )
        assert signed_in(browser)
    assert post(first, "/logout").status_code == 302
    assert not signed_in(second)


def test_password_change_ends_other_sessions_and_keeps_this_one(app, client, admin, login):
    login()
    other = copy_of(app, client)
    resp = post(
        client,
        "/account/password",
        page="/account/password",
        current="correct horse",
        new="a much longer secret",
        confirm="a much longer secret",
    )
    assert resp.status_code == 302, resp.get_data(as_text=True)
    assert signed_in(client)
    assert not signed_in(other)
    post(client, "/logout")
    login(password="a much longer secret")


def test_password_change_needs_the_current_password(client, admin, login):
    login()
    resp = post(
        client,
        "/account/password",
        page="/account/password",
        current="wrong",
        new="a much longer secret",
        confirm="a much longer secret",
    )
    assert resp.status_code == 400
    assert "not your current password" in resp.get_data(as_text=True)


def test_turning_mfa_off_ends_other_sessions(app, client, admin, login):
    login()
    secret, _ = enrol(client)
    other = copy_of(app, client)
    assert signed_in(other)
    resp = post(client, "/account/mfa/disable", page="/account/mfa", code=next_code(secret))
    assert resp.status_code == 302
    assert signed_in(client) and not signed_in(other)


def test_enrolling_mfa_ends_sessions_signed_in_without_it(app, client, admin, login):
    login()
    other = copy_of(app, client)
    enrol(client)
    assert signed_in(client) and not signed_in(other)


def test_company_admin_deactivates_a_colleague_on_the_users_page(
    app, client, admin, colleague, api_token, login
):
    colleague_browser = app.test_client()
    colleague_browser.post(
        "/login",
        data={
            "email": "ops@acme.ae",
            "password": "correct horse",
            "csrf_token": csrf_token(colleague_browser),
        },
    )
    assert signed_in(colleague_browser)
    token = api_token(colleague, "read")
    login()
    page = client.get("/company/users").get_data(as_text=True)
    assert "ops@acme.ae" in page and "Deactivate" in page
    resp = post(client, f"/company/users/{colleague.id}/deactivate", page="/company/users")
    assert resp.status_code == 302
    assert "deactivated" in client.get("/company/users").get_data(as_text=True)
    assert not signed_in(colleague_browser)
    bearer = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert bearer.status_code == 401
    # They cannot sign in again, and are told why (only once the password was right).
    again = app.test_client()
    resp = again.post(
        "/login",
        data={"email": "ops@acme.ae", "password": "correct horse", "csrf_token": csrf_token(again)},
    )
    assert resp.status_code == 400
    assert "This account is deactivated" in resp.get_data(as_text=True)
    wrong = again.post(
        "/login",
        data={"email": "ops@acme.ae", "password": "nope", "csrf_token": csrf_token(again)},
    )
    assert "deactivated" not in wrong.get_data(as_text=True)


def test_reactivated_user_signs_in_but_old_tokens_stay_revoked(
    app, client, admin, colleague, api_token, login
):
    token = api_token(colleague, "read")
    login()
    post(client, f"/company/users/{colleague.id}/deactivate", page="/company/users")
    post(client, f"/company/users/{colleague.id}/reactivate", page="/company/users")
    other = app.test_client()
    resp = other.post(
        "/login",
        data={"email": "ops@acme.ae", "password": "correct horse", "csrf_token": csrf_token(other)},
    )
    assert resp.status_code == 302
    bearer = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert bearer.status_code == 401


def test_finance_user_cannot_open_the_users_page(client, colleague, login):
    login("ops@acme.ae")
    assert client.get("/company/users").status_code == 403


def test_api_deactivates_within_the_company_only(
    app, client, admin, colleague, make_company, make_user, api_token
):
    other_company = make_company("Globex FZE", "100987654300003")
    stranger = make_user("root@globex.ae", other_company)
    admin_token = api_token(admin)
    ops_token = api_token(colleague)
    auth = {"Authorization": f"Bearer {admin_token}"}
    listed = client.get("/api/v1/users", headers=auth).get_json()["data"]
    assert {u["email"] for u in listed} == {"admin@acme.ae", "ops@acme.ae"}
    assert client.post(f"/api/v1/users/{stranger.id}/deactivate", headers=auth).status_code == 404
    own = client.post(f"/api/v1/users/{admin.id}/deactivate", headers=auth)
    assert own.status_code == 409 and own.get_json()["error"]["code"] == "own_account"
    resp = client.post(f"/api/v1/users/{colleague.id}/deactivate", headers=auth)
    assert resp.status_code == 200 and resp.get_json()["active"] is False
    refused = client.get("/api/v1/me", headers={"Authorization": f"Bearer {ops_token}"})
    assert refused.status_code == 401
    forbidden = client.post(
        f"/api/v1/users/{admin.id}/deactivate",
        headers={"Authorization": f"Bearer {api_token(stranger)}"},
    )
    assert forbidden.status_code == 404


def test_finance_user_cannot_deactivate_through_the_api(client, admin, colleague, api_token):
    auth = {"Authorization": f"Bearer {api_token(colleague)}"}
    assert client.post(f"/api/v1/users/{admin.id}/deactivate", headers=auth).status_code == 403


def test_cli_deactivate_ends_sessions_and_tokens(app, client, admin, api_token, login):
    token = api_token(admin)
    login()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "deactivate", "admin@acme.ae"])
    assert result.exit_code == 0, result.output
    assert "Deactivated admin@acme.ae" in result.output
    assert not signed_in(client)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    again = runner.invoke(args=["users", "deactivate", "admin@acme.ae"])
    assert again.exit_code == 1 and "already deactivated" in again.output


def test_cli_password_and_mfa_resets_end_sessions(app, client, admin, login):
    runner = app.test_cli_runner()
    login()
    secret, _ = enrol(client)
    assert pyotp.TOTP(secret)  # MFA is on now
    result = runner.invoke(args=["users", "reset-mfa", "admin@acme.ae"])
    assert result.exit_code == 0, result.output
    assert not signed_in(client)
    login()  # no second step any more
    result = runner.invoke(
        args=["users", "set-password", "admin@acme.ae", "--password-stdin"],
        input="a new long password\n",
    )
    assert result.exit_code == 0, result.output
    assert not signed_in(client)
    login(password="a new long password")


def test_cli_refuses_a_write_token_for_a_super_admin(app, make_user):
    make_user("root@ledgerline.local", None, role="SUPER_ADMIN")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["tokens", "create", "root@ledgerline.local", "--scopes", "write"])
    assert result.exit_code == 1
    assert "super admin" in result.output and "--scopes read" in result.output
    result = runner.invoke(args=["tokens", "create", "root@ledgerline.local", "--scopes", "read"])
    assert result.exit_code == 0, result.output
