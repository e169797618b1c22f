"""Sign-in budgets every process shares: failed passwords per account, wrong codes per MFA
challenge. Stored in the database, so changing address or app process does not reset them."""

from __future__ import annotations

import pytest

from tests.core.test_mfa import enrol, next_code, sign_out
from tests.support.fixtures import csrf_token


@pytest.fixture
def app_config(app_config):
    return {
        **app_config,
        "LOGIN_ACCOUNT_LIMIT": "3 per 15 minutes",
        "LOGIN_MFA_CHALLENGE_LIMIT": "2 per 5 minutes",
    }


@pytest.fixture
def user(make_company, make_user):
    return make_user(company=make_company())


def attempt(client, password, address):
    token = csrf_token(client)
    data = {"email": "Admin@Acme.ae", "password": password, "csrf_token": token}
    return client.post("/login", data=data, environ_base={"REMOTE_ADDR": address})


def test_failed_passwords_from_many_addresses_and_processes_lock_the_account(app, app_config, user):
    from core import create_app

    other_process = create_app(app_config)  # its own in-memory per-address limiter
    for n, client in enumerate((app.test_client(), other_process.test_client(), app.test_client())):
        assert attempt(client, "wrong", f"10.0.0.{n}").status_code == 400
    resp = attempt(other_process.test_client(), "correct horse", "10.0.0.9")
    assert resp.status_code == 429
    assert "Too many failed sign-ins for this account" in resp.get_data(as_text=True)
    assert int(resp.headers["Retry-After"]) > 0
    other_process.extensions["sqlalchemy"].engine.dispose()


def test_a_successful_sign_in_clears_the_account_count(app, user):
    client = app.test_client()
    for n in range(2):
        assert attempt(client, "wrong", f"10.0.1.{n}").status_code == 400
    assert attempt(client, "correct horse", "127.0.0.1").status_code == 302
    sign_out(client)
    for n in range(2):
        assert attempt(client, "wrong", f"10.0.1.{n}").status_code == 400
    assert attempt(client, "correct horse", "127.0.0.1").status_code == 302


def test_an_mfa_challenge_has_few_tries_even_with_a_replayed_cookie(app, client, user, login):
    login()
    secret, _ = enrol(client)
    sign_out(client)
    assert attempt(client, "correct horse", "127.0.0.1").status_code == 302
    with_challenge = client.get_cookie("session").value
    for _ in range(2):
        resp = client.post(
            "/login/mfa", data={"code": "000000", "csrf_token": csrf_token(client, "/login/mfa")}
        )
    assert resp.status_code == 302 and resp.headers["Location"] == "/login"
    # Sending the cookie from before the wrong codes does not give the challenge new tries.
    client.set_cookie("session", with_challenge)
    resp = client.post(
        "/login/mfa", data={"code": next_code(secret), "csrf_token": csrf_token(client, "/login")}
    )
    assert resp.status_code == 302 and resp.headers["Location"] == "/login"
    assert client.get("/api/v1/me").status_code == 401


def test_the_password_alone_does_not_buy_fresh_mfa_guesses(app, client, user, login):
    login()
    enrol(client)
    sign_out(client)

    def wrong_codes(n):
        for _ in range(n):
            client.post(
                "/login/mfa",
                data={"code": "000000", "csrf_token": csrf_token(client, "/login/mfa")},
            )

    assert attempt(client, "correct horse", "127.0.0.1").status_code == 302
    wrong_codes(2)  # this challenge is used up; the account has 2 failures
    assert attempt(client, "correct horse", "127.0.0.1").status_code == 302
    wrong_codes(1)  # the account reaches its limit of 3
    resp = attempt(client, "correct horse", "127.0.0.1")
    assert resp.status_code == 429
    assert "Wait 15 minutes" in resp.get_data(as_text=True)
