"""Sign-in hardening: passwords, rate limit, safe redirects, sign-out, session cookies."""

from __future__ import annotations

import pytest

from tests.support.fixtures import csrf_token


@pytest.fixture
def user(make_company, make_user):
    return make_user(company=make_company())


def session_cookie(resp) -> str:
    return next(c for c in resp.headers.getlist("Set-Cookie") if c.startswith("session="))


def post_login(client, email="admin@acme.ae", password="correct horse", query=""):
    token = csrf_token(client)
    data = {"email": email, "password": password, "csrf_token": token}
    return client.post(f"/login{query}", data=data)


def test_right_password_signs_in_and_opens_the_dashboard(client, user):
    resp = post_login(client)
    assert resp.status_code == 302 and resp.headers["Location"] == "/"
    assert client.get("/").status_code == 200


def test_wrong_password_and_unknown_email_get_the_same_message(client, user):
    for email, password in (("admin@acme.ae", "wrong"), ("nobody@acme.ae", "correct horse")):
        resp = post_login(client, email, password)
        assert resp.status_code == 400
        assert "E-mail or password is not correct." in resp.get_data(as_text=True)
    assert client.get("/").status_code == 302  # still signed out


def test_inactive_user_cannot_sign_in(client, user):
    from core.db import db

    user.active = False
    db.session.commit()
    assert post_login(client).status_code == 400


def test_login_without_csrf_token_is_refused(client, user):
    resp = client.post("/login", data={"email": "admin@acme.ae", "password": "correct horse"})
    assert resp.status_code == 400
    assert client.get("/").status_code == 302


@pytest.fixture
def app_config(app_config):
    return {**app_config, "LOGIN_RATE_LIMIT": "3 per minute"}


def test_too_many_attempts_get_429_with_a_clear_message(client, user):
    for _ in range(3):
        assert post_login(client, password="wrong").status_code == 400
    resp = post_login(client)  # even the right password waits now
    assert resp.status_code == 429
    assert "Too many sign-in attempts" in resp.get_data(as_text=True)
    assert int(resp.headers["Retry-After"]) > 0
    assert client.get("/").status_code == 302
    assert client.get("/login").status_code == 200  # the page itself still shows


@pytest.mark.parametrize(
    "nxt, expected",
    [
        ("/apps", "/apps"),
        ("/company?tab=1", "/company?tab=1"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example/", "/"),
        ("/\t/evil.example/", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_next_only_leads_to_this_site(client, user, nxt, expected):
    from urllib.parse import quote

    resp = post_login(client, query=f"?next={quote(nxt)}")
    assert resp.status_code == 302
    assert resp.headers["Location"] == expected


def test_sign_out_needs_post_with_csrf(client, user, login):
    login()
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    assert client.get("/").status_code == 200  # still signed in
    resp = client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert resp.status_code == 302 and resp.headers["Location"] == "/login"
    assert client.get("/").status_code == 302


def test_session_cookie_is_httponly_and_lax(client, user):
    cookie = session_cookie(post_login(client))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain http in development


def test_session_cookie_is_secure_in_production(db_url, tmp_path, make_company, make_user):
    from core import create_app
    from tests.conftest import _base_config

    app = create_app({**_base_config(db_url, tmp_path), "ENV_PRODUCTION": True})
    with app.app_context():
        make_user(company=make_company(name="Prod LLC"), email="prod@acme.ae")
        client = app.test_client()
        resp = post_login(client, email="prod@acme.ae")
        cookie = session_cookie(resp)
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
        app.extensions["sqlalchemy"].session.remove()
        app.extensions["sqlalchemy"].engine.dispose()


def test_stolen_session_cookie_is_useless_in_another_browser(client, user):
    client.environ_base["HTTP_USER_AGENT"] = "Firefox/140"
    post_login(client)
    assert client.get("/").status_code == 200
    client.environ_base["HTTP_USER_AGENT"] = "curl/8"
    assert client.get("/").status_code == 302


def test_demo_super_admin_on_a_local_domain_can_sign_in(app, client, make_user, login):
    make_user(email="root@ledgerline.local", role="SUPER_ADMIN")
    login(email="root@ledgerline.local")
    assert "root@ledgerline.local" in client.get("/").get_data(as_text=True)
