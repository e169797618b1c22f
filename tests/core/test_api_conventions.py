"""Core applies the API conventions to every view of every API blueprint (issue 8): a plugin's
view that declares nothing still honours Idempotency-Key, and a declared request schema is
enforced (unknown fields, types) with the one 422 shape; a plain Blueprint mounted under
/api/v1 gets the same."""

from __future__ import annotations

import pytest
from flask import Blueprint
from sqlalchemy import func, select


@pytest.fixture
def widgets(app):
    from core.api import api_blueprint, csrf, current_actor, db, describe, json_body
    from core.models import AuditEntry

    bp = api_blueprint("test_widgets", __name__, "/test-widgets")
    schema = {
        "type": "object",
        "properties": {"name": {"type": "string"}, "size": {"type": "integer"}},
        "required": ["name"],
        "additionalProperties": False,
    }

    def create():
        entry = AuditEntry(
            company_id=current_actor().company_id,
            action="WidgetCreated",
            record_type="widget",
            details=json_body(),
        )
        db.session.add(entry)
        db.session.commit()
        return {"id": entry.id}, 201

    bp.post("/plain")(create)  # no decorator at all
    bp.post("/declared", endpoint="declared")(describe(request=schema, status=201)(create))
    stray = Blueprint("test_stray", __name__, url_prefix="/api/v1/test-stray")
    csrf.exempt(stray)  # core's guard still demands an actor (and CSRF from sessions)
    stray.post("")(describe(request=schema, status=201)(create))
    app.register_blueprint(bp)
    app.register_blueprint(stray)


@pytest.fixture
def secret(make_company, make_user, api_token):
    return api_token(make_user(company=make_company()))


def post(client, secret, path, body, key=None):
    headers = {"Authorization": f"Bearer {secret}"}
    if key:
        headers["Idempotency-Key"] = key
    return client.post(path, json=body, headers=headers)


def created() -> int:
    from core.db import db
    from core.models import AuditEntry

    query = select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "WidgetCreated")
    return db.session.scalar(query)


@pytest.mark.parametrize(
    "path", ["/api/v1/test-widgets/plain", "/api/v1/test-widgets/declared", "/api/v1/test-stray"]
)
def test_a_key_makes_one_record_on_any_view(client, widgets, secret, path):
    answers = [post(client, secret, path, {"name": "w"}, key="one") for _ in range(5)]
    assert {a.get_json()["id"] for a in answers} == {answers[0].get_json()["id"]}
    assert created() == 1
    assert post(client, secret, path, {"name": "other"}, key="one").status_code == 409


@pytest.mark.parametrize("path", ["/api/v1/test-widgets/declared", "/api/v1/test-stray"])
def test_declared_schema_is_enforced_with_the_one_shape(client, widgets, secret, path):
    resp = post(client, secret, path, {"name": 5, "colour": "red", "size": "big"})
    assert resp.status_code == 422
    error = resp.get_json()["error"]
    assert error["code"] == "validation_failed"
    assert error["details"]["fields"] == {
        "colour": "is not a known field",
        "name": "must be text",
        "size": "must be a whole number",
    }
    assert "name" in post(client, secret, path, {}).get_json()["error"]["details"]["fields"]
    assert created() == 0


def test_the_openapi_document_describes_the_conventions(client, widgets):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert "ValidationFailed" in doc["components"]["schemas"]
    for item in doc["paths"].values():
        for method, op in item.items():
            if method in ("post", "put", "patch"):
                assert "422" in op["responses"], op["operationId"]
                if op.get("security") == []:  # public (no actor): nothing to key a replay on
                    continue
                names = [p["name"] for p in op["parameters"]]
                assert "Idempotency-Key" in names, op["operationId"]
                assert "422" in op["responses"], op["operationId"]


def test_every_builtin_json_write_declares_its_request_schema(client):
    """So core can check its body; multipart uploads are the only exception."""
    doc = client.get("/api/v1/openapi.json").get_json()
    missing = [
        op["operationId"]
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if method in ("post", "put", "patch")
        and "requestBody" not in op
        and not path.endswith("/import")
    ]
    assert missing == []
