"""Under /api every failure is a JSON error object with the right status, never HTML."""

from __future__ import annotations

import pytest


@pytest.fixture
def secret(app, make_company, make_user, api_token):
    from core.api import api_blueprint

    bp = api_blueprint("test_errors", __name__, "/test-errors")

    @bp.get("/boom")
    def boom():
        """A view with a bug."""
        raise RuntimeError("database exploded: password=hunter2")

    app.register_blueprint(bp)
    return api_token(make_user(company=make_company()))


def call(client, method, path, secret, **kw):
    headers = {"Authorization": f"Bearer {secret}", **kw.pop("headers", {})}
    return client.open(path, method=method, headers=headers, **kw)


def error_of(resp) -> dict:
    assert resp.mimetype == "application/json", resp.get_data(as_text=True)[:200]
    body = resp.get_json()
    assert body["correlation_id"] == resp.headers["X-Correlation-ID"]
    return body["error"]


def test_unknown_route_is_json_404(client, secret):
    resp = call(client, "GET", "/api/v1/no/such/thing", secret)
    assert resp.status_code == 404
    assert error_of(resp)["code"] == "not_found"


def test_wrong_method_is_json_405(client, secret):
    resp = call(client, "DELETE", "/api/v1/company", secret)
    assert resp.status_code == 405
    assert error_of(resp)["code"] == "method_not_allowed"


def test_crash_is_json_500_without_internals(client, secret):
    resp = call(client, "GET", "/api/v1/test-errors/boom", secret)
    assert resp.status_code == 500
    error = error_of(resp)
    assert error["code"] == "internal_error"
    assert "hunter2" not in resp.get_data(as_text=True)


def test_broken_json_is_400_invalid_json(client, secret):
    resp = call(
        client,
        "PATCH",
        "/api/v1/company",
        secret,
        data='{"city": "Dubai",',
        content_type="application/json",
    )
    assert resp.status_code == 400
    assert error_of(resp)["code"] == "invalid_json"


def test_json_that_is_not_an_object_is_400(client, secret):
    resp = call(client, "PATCH", "/api/v1/company", secret, json=["city", "Dubai"])
    assert resp.status_code == 400
    assert error_of(resp)["code"] == "invalid_json"


def test_form_body_is_415(client, secret):
    resp = call(client, "PATCH", "/api/v1/company", secret, data={"city": "Dubai"})
    assert resp.status_code == 415
    assert error_of(resp)["code"] == "unsupported_media_type"


def test_empty_body_is_400(client, secret):
    resp = call(client, "PATCH", "/api/v1/company", secret, content_type="application/json")
    assert resp.status_code == 400
    assert error_of(resp)["code"] == "invalid_json"


def test_views_reading_request_json_directly_get_the_same_errors(app, client, secret):
    from flask import request

    from core.api import api_blueprint

    bp = api_blueprint("test_raw_json", __name__, "/test-raw")

    @bp.post("")
    def raw():
        """Echo the body, read with Flask's own request.get_json()."""
        return request.get_json()

    app.register_blueprint(bp)
    broken = call(
        client, "POST", "/api/v1/test-raw", secret, data="{", content_type="application/json"
    )
    assert broken.status_code == 400
    assert error_of(broken)["code"] == "invalid_json"
    form = call(client, "POST", "/api/v1/test-raw", secret, data={"a": "1"})
    assert form.status_code == 415
    assert error_of(form)["code"] == "unsupported_media_type"
    assert call(client, "POST", "/api/v1/test-raw", secret, json={"a": 1}).get_json() == {"a": 1}


def test_a_json_body_beyond_the_limit_is_413_and_changes_nothing(app, client, secret):
    """Without the bound one request could make a worker hold any size of body in memory."""
    app.config["API_JSON_MAX_BYTES"] = 4096
    city = call(client, "GET", "/api/v1/company", secret).get_json()["city"]
    resp = call(client, "PATCH", "/api/v1/company", secret, json={"city": "D" * 5000})
    assert resp.status_code == 413
    error = error_of(resp)
    assert error["code"] == "payload_too_large"
    assert error["details"] == {"max_bytes": 4096}
    assert call(client, "GET", "/api/v1/company", secret).get_json()["city"] == city
    ok = call(client, "PATCH", "/api/v1/company", secret, json={"city": "Dubai"})
    assert ok.status_code == 200, ok.get_json()
