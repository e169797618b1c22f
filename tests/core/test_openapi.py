"""/api/v1/openapi.json describes every /api/v1 route, plugins' included, and is valid 3.1."""

from __future__ import annotations

import inspect
import re

import pytest
from openapi_spec_validator import validate


@pytest.fixture
def plugin_route(app):
    """A route registered the way a plugin does, after core's own."""
    from core.api import api_blueprint, describe, idempotent, require_permission

    bp = api_blueprint("test_widgets", __name__, "/test-widgets")

    @bp.get("/<int:widget_id>/parts/<uuid:part_id>")
    @require_permission("core.company.read")
    def widget_part(widget_id, part_id):
        """One part of a widget.

        Parts are numbered by UUID.
        """
        return {}

    @bp.post("")
    @require_permission("core.company.update")
    @idempotent
    @describe(request={"type": "object", "properties": {"name": {"type": "string"}}}, status=201)
    def widget_create():
        """Create a widget."""
        return {}, 201

    app.register_blueprint(bp)


@pytest.fixture
def document(client, plugin_route):
    resp = client.get("/api/v1/openapi.json")  # public: no credentials needed
    assert resp.status_code == 200
    assert resp.mimetype == "application/json"
    return resp.get_json()


def test_document_is_valid_openapi_31(document):
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_every_api_rule_is_described(app, document):
    from core.openapi import openapi_path

    expected = {
        (openapi_path(rule.rule), method.lower())
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    described = {(path, method) for path, item in document["paths"].items() for method in item}
    assert expected <= described
    assert ("/api/v1/company", "patch") in described
    assert ("/api/v1/test-widgets/{widget_id}/parts/{part_id}", "get") in described


def test_plugin_route_gets_docstring_and_path_parameters(document):
    op = document["paths"]["/api/v1/test-widgets/{widget_id}/parts/{part_id}"]["get"]
    assert op["summary"] == "One part of a widget."
    assert op["description"] == "Parts are numbered by UUID."
    params = {p["name"]: p for p in op["parameters"]}
    assert params["widget_id"]["schema"] == {"type": "integer"}
    assert params["part_id"]["schema"] == {"type": "string", "format": "uuid"}
    assert op["x-permission"] == "core.company.read"


def test_idempotent_post_documents_key_body_and_conflict(document):
    op = document["paths"]["/api/v1/test-widgets"]["post"]
    assert "Idempotency-Key" in [p["name"] for p in op["parameters"] if p["in"] == "header"]
    body = op["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["name"] == {"type": "string"}
    assert {"201", "409", "422"} <= set(op["responses"])


def test_company_and_lists_carry_their_schemas(document):
    patch = document["paths"]["/api/v1/company"]["patch"]
    schema = patch["requestBody"]["content"]["application/json"]["schema"]
    assert "iban" in schema["properties"] and schema["additionalProperties"] is False
    audit = document["paths"]["/api/v1/audit"]["get"]
    names = [p["name"] for p in audit["parameters"]]
    assert {"limit", "offset", "record_type", "record_id"} <= set(names)
    ok = audit["responses"]["200"]["content"]["application/json"]["schema"]
    assert set(ok["properties"]) == {"data", "pagination"}
    assert document["paths"]["/api/v1/openapi.json"]["get"]["security"] == []


_READS = re.compile(
    r'(?:request\.args(?:\.get)?\(|request\.args\[|request\.args,\s*|query_\w+\()\s*"(\w+)"'
)


def test_every_query_parameter_an_api_module_reads_is_documented(app, document):
    from core.openapi import openapi_path

    """A filter a view reads but the document hides is one the fuzzing never tries (that is
    how ``?invoice_id=²`` on the transmissions list stayed a 500) and no client can find."""
    declared: dict[str, set[str]] = {}
    modules = {}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        module = inspect.getmodule(inspect.unwrap(app.view_functions[rule.endpoint]))
        modules[module.__name__] = module
        item = document["paths"][openapi_path(rule.rule)]
        declared.setdefault(module.__name__, set()).update(
            p["name"] for op in item.values() for p in op["parameters"] if p["in"] == "query"
        )
    hidden = {
        name: sorted(set(_READS.findall(inspect.getsource(module))) - declared[name])
        for name, module in modules.items()
    }
    hidden = {name: found for name, found in hidden.items() if found}
    assert not hidden, "\n".join(f"{k}: {v}" for k, v in hidden.items())
