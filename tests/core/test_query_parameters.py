"""Query parameters that cannot mean what their name says answer 400 with a clear message on
every page and API route of every plugin (checked once in core), never a 500; and the favicon
browsers ask for on their own is there."""

from __future__ import annotations

import pytest

HUGE = "99999999999999999999999"
BAD = [
    ("offset", HUGE, "offset"),
    ("offset", "-1", "offset"),
    ("limit", "ten", "limit"),
    ("page", "1e3", "page"),
    ("customer_id", HUGE, "customer_id"),
    ("date_from", "2026-13-45", "date_from"),
    ("date_to", "yesterday", "date_to"),
]


def _list_routes(app) -> list[str]:
    """Every GET route without path arguments that a signed-in admin reaches (pages + API)."""
    rules = [
        r.rule
        for r in app.url_map.iter_rules()
        if "GET" in r.methods and not r.arguments and not r.rule.startswith("/static")
    ]
    return sorted(r for r in rules if r not in ("/logout", "/favicon.ico"))


@pytest.fixture
def signed_in(client, login, make_company, make_user):
    make_user(company=make_company())
    login()
    return client


@pytest.mark.parametrize(("name", "value", "named"), BAD)
def test_a_bad_query_parameter_is_a_400_naming_it_on_every_route(
    app, signed_in, name, value, named
):
    for path in _list_routes(app):
        resp = signed_in.get(path, query_string={name: value})
        assert resp.status_code in (400, 401, 403, 404, 405), (path, resp.status_code)
        if resp.status_code == 400:
            text = resp.get_data(as_text=True)
            assert named in text, (path, text[:300])


def test_the_reported_offset_overflow_is_a_400_page_with_the_reason(signed_in):
    resp = signed_in.get(f"/invoicing/invoices?offset={HUGE}")
    assert resp.status_code == 400
    assert "offset" in resp.get_data(as_text=True)


def test_the_api_answers_the_invalid_parameter_error_object(signed_in):
    resp = signed_in.get(f"/api/v1/invoices?customer_id={HUGE}")
    assert resp.status_code == 400
    assert resp.get_json()["error"]["code"] == "invalid_parameter"


def test_text_ids_pass_untouched(signed_in):
    """A participant id is text, not a number: the core check leaves it to the view."""
    resp = signed_in.get("/api/v1/audit?record_id=invoice-7")
    assert resp.status_code == 200


def test_favicon_is_served(client):
    resp = client.get("/favicon.ico")
    assert resp.status_code == 200
    assert resp.mimetype == "image/svg+xml"
    assert b"<svg" in resp.data
