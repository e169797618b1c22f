"""Error pages: friendly HTML with a way back for pages, JSON error objects under /api."""

import pytest

from tests.support.fixtures import csrf_token


@pytest.fixture
def boom(app):
    """A page and an API route that fail the way a bug would."""

    def fail():
        raise RuntimeError("database exploded: password=hunter2")

    app.add_url_rule("/boom", "test_boom", fail)
    app.add_url_rule("/api/v1/boom", "test_api_boom", fail)


@pytest.fixture
def admin(make_company, make_user, login):
    make_user(company=make_company())
    return login()


def test_unknown_page_gets_a_friendly_404_with_a_way_back(app, admin):
    resp = admin.get("/no-such-page")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 404
    assert resp.mimetype == "text/html"
    assert "Page not found" in html
    assert 'href="/" role="button">Back to the dashboard' in html
    assert ">Company</a>" in html  # the shell's navigation is still there


def test_unknown_api_route_gets_a_json_404(app, client):
    resp = client.get("/api/v1/no-such-thing", headers={"X-Correlation-ID": "trace-12345678"})
    assert resp.status_code == 404
    assert resp.mimetype == "application/json"
    body = resp.get_json()
    assert body["error"]["code"] == "not_found"
    assert body["error"]["message"]
    assert body["correlation_id"] == "trace-12345678"


def test_forbidden_action_gets_a_403_page(app, make_company, make_user, login):
    make_user("clerk@acme.ae", company=make_company(), role="FINANCE_USER")
    client = login("clerk@acme.ae")
    resp = client.get("/company/edit")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 403
    assert "You do not have access to this" in html
    assert "Ask a company administrator" in html


def test_unexpected_error_shows_a_500_page_without_internals(app, boom, admin):
    resp = admin.get("/boom")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 500
    assert "Something went wrong" in html and "Back to the dashboard" in html
    assert "hunter2" not in html and "Traceback" not in html
    assert resp.headers["X-Correlation-ID"] in html  # a reference to quote to support


def test_unexpected_api_error_is_a_json_500(app, boom, admin):
    resp = admin.get("/api/v1/boom")
    assert resp.status_code == 500
    assert resp.get_json()["error"]["code"] == "internal_error"
    assert "hunter2" not in resp.get_data(as_text=True)


def test_too_many_login_attempts_get_a_429_page(app, client, make_company, make_user):
    make_user(company=make_company())
    token = csrf_token(client)
    form = {"email": "admin@acme.ae", "password": "wrong", "csrf_token": token}
    codes = [client.post("/login", data=form).status_code for _ in range(12)]
    assert codes[-1] == 429
    html = client.post("/login", data=form).get_data(as_text=True)
    assert "Too many attempts" in html and "Wait a minute" in html
