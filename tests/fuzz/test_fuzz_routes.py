"""Property-based fuzzing of every route: hostile input is a 4xx, never a 5xx (issue 7).

The API side is driven by the OpenAPI document (``/api/v1/openapi.json``): every operation of
every enabled plugin, with its path parameters, declared query parameters and request schema,
so routes that plugins add later are fuzzed without touching this file. The page side walks
``app.url_map`` (every non-API GET page and every form POST, with a valid CSRF token and the
field names found on the app's own pages).

Hostile values: integers beyond 64 bits, unicode digits, lone surrogates, NUL and control
characters, exponents (``"1e400"``), NaN, deep and broken JSON, wrong types, unknown fields.
Each answer must be below 500; under ``/api`` every 4xx must be the one error object
(``{"error": {"code", "message", "details"}, "correlation_id"}``), and a 422
``validation_failed`` must name its fields.

Fixed seed (``derandomize=True``). ``LEDGERLINE_FUZZ_EXAMPLES`` sets the examples per route
(default 15: about 30 s on SQLite, 60 s on PostgreSQL); a nightly-style run uses e.g. 200.
"""

from __future__ import annotations

import json
import os
import re
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.invoicing.tests.helpers import draft_payload
from tests.support.fixtures import csrf_token

EXAMPLES = int(os.environ.get("LEDGERLINE_FUZZ_EXAMPLES", "15"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
# Routes that end the fuzzing session itself; they take no input worth fuzzing.
SKIPPED_ENDPOINTS = {"core_auth.logout", "core_account.token_revoke", "core_live.activity"}
# Query parameters read by list routes, fuzzed on every GET besides the declared ones.
COMMON_QUERY = ("customer_id", "user_id", "payment_id", "offset", "limit", "date_from", "q")

HUGE_INTS = [2**63, 2**63 - 1, -(2**63) - 1, 2**64, 10**30, -1, 0]
HOSTILE_TEXT = [
    "²",
    "٣",
    "1e30",
    "1e400",
    "-1e400",
    "1e-400",
    "NaN",
    "Infinity",
    "0x10",
    " 1",
    "",
    "\ud800",
    "a\udfffb",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\u202e",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    str(2**63),
    "99999999999999999999999",
    "x" * 5000,
    "'; DROP TABLE x; --",
    "<script>",
]
HOSTILE_SCALARS = st.one_of(
    st.sampled_from(HUGE_INTS),
    st.sampled_from(HOSTILE_TEXT),
    st.sampled_from([None, True, False, 0.1, 1e308, -0.0, 10.5]),
    st.text(max_size=20),
    st.integers(),
)
HOSTILE_VALUES = st.recursive(
    HOSTILE_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
RAW_BODIES = st.sampled_from(
    [
        "[" * 100_000,
        '{"a":' * 5000,
        "{",
        '{"a": NaN}',
        '{"a": 1e400}',
        '{"a": Infinity}',
        "[]",
        "null",
        '"text"',
        "\x00",
        '{"\\ud800": 1}',
    ]
)


@pytest.fixture
def app_config(app_config):
    return {**app_config, "RATELIMIT_ENABLED": False}


@pytest.fixture
def shop(app, client, make_company, make_user, api_token, login):
    """A company with records of every kind, so ids in paths sometimes hit real rows."""
    from core.api import db

    company = make_company(
        iban="AE070331234567890123456", address_line1="1 Sheikh Zayed Rd", city="Dubai"
    )
    admin = make_user(company=company)
    token = api_token(admin)
    api = _Api(app.test_client(), token)
    buyer = {
        "name": "Gulf Buyer LLC",
        "trn": "100987654300003",
        "peppol_id": "0235:1009876543",
        "address_line1": "2 Corniche",
        "city": "Abu Dhabi",
    }
    customer = api.call("POST", "/api/v1/customers", buyer).json
    invoice = api.call("POST", "/api/v1/invoices", draft_payload(customer["id"])).json
    finalized = api.call("POST", f"/api/v1/invoices/{invoice['id']}/finalize", {})
    assert finalized.status_code == 200, finalized.json
    draft = api.call("POST", "/api/v1/invoices", draft_payload(customer["id"])).json
    payment = api.call(
        "POST",
        "/api/v1/payments",
        {"amount": "10.00", "allocations": [{"invoice_id": invoice["id"], "amount": "10.00"}]},
    ).json
    assert "id" in payment, payment
    refund = api.call(
        "POST", "/api/v1/refunds", {"payment_id": payment["id"], "amount": "1.00", "reason": "r"}
    ).json
    db.session.commit()
    ids = [customer["id"], invoice["id"], draft["id"], payment["id"], refund["id"], 1]
    login()
    return {"api": api, "browser": client, "ids": ids}


class _Api:
    def __init__(self, client, token):
        self.client, self.token = client, token

    def call(self, method, path, body=None, raw=None, headers=None):
        headers = {"Authorization": f"Bearer {self.token}", **(headers or {})}
        if raw is not None:
            return self.client.open(
                path, method=method, data=raw, content_type="application/json", headers=headers
            )
        return self.client.open(path, method=method, json=body, headers=headers)


class Findings:
    """Every 5xx or malformed error, with the request that caused it (reported at the end)."""

    def __init__(self):
        self.requests = self.failures = 0
        self.statuses: dict[int, int] = {}
        self.problems: list[str] = []  # the first 50, for the report

    def check(self, method, url, resp, api: bool, sent=None):
        self.requests += 1
        self.statuses[resp.status_code] = self.statuses.get(resp.status_code, 0) + 1
        problem = _problem(resp, api)
        if problem:
            self.failures += 1
            if len(self.problems) < 50:
                self.problems.append(f"{method} {url[:200]} -> {problem}; sent {sent!r:.300}")


def _problem(resp, api: bool) -> str | None:
    if resp.status_code >= 500:
        return f"{resp.status_code} {resp.get_data(as_text=True)[:200]}"
    if not api or resp.status_code < 400:
        return None
    body = resp.get_json(silent=True)
    if not isinstance(body, dict) or set(body) != {"error", "correlation_id"}:
        return f"{resp.status_code} is not the error object: {resp.get_data(as_text=True)[:200]}"
    error = body["error"]
    if not all(isinstance(error.get(k), t) for k, t in (("code", str), ("message", str))):
        return f"{resp.status_code} error lacks code/message: {error}"
    if not isinstance(error.get("details"), dict):
        return f"{resp.status_code} error details is not an object: {error}"
    if error["code"] == "validation_failed":
        fields = error["details"].get("fields")
        if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
            return f"422 validation_failed without details.fields: {error}"
    return None


# --- strategies ------------------------------------------------------------------------------


def path_values(kind: str, ids: list[int]):
    """A value for one path parameter: a real id, a hostile number or hostile text."""
    if kind == "integer":
        return st.one_of(
            st.sampled_from(ids), st.sampled_from(HUGE_INTS), st.sampled_from(HOSTILE_TEXT)
        )
    return st.one_of(st.text(max_size=12), st.sampled_from(HOSTILE_TEXT))


def _from_schema(schema: dict, depth: int = 0):
    """A value that is mostly of the schema's shape, with hostile leaves and unknown fields."""
    schema = schema or {}
    types = schema.get("type", [])
    types = types if isinstance(types, list) else [types]
    if "object" in types and depth < 3:
        props = schema.get("properties", {})
        fields = {name: _from_schema(sub, depth + 1) for name, sub in props.items()}
        known = st.fixed_dictionaries({}, optional=fields) if fields else st.just({})
        unknown = st.dictionaries(
            st.sampled_from(["colour", "reason", "nmae", "\ud800"]), HOSTILE_SCALARS, max_size=1
        )
        return st.one_of(st.builds(lambda a, b: {**a, **b}, known, unknown), known, HOSTILE_VALUES)
    if "array" in types and depth < 3:
        return st.one_of(
            st.lists(_from_schema(schema.get("items", {}), depth + 1), max_size=3), HOSTILE_VALUES
        )
    if "enum" in schema:
        return st.one_of(st.sampled_from(schema["enum"]), HOSTILE_SCALARS)
    return HOSTILE_SCALARS


def _queries(params: list[dict]):
    names = sorted({p["name"] for p in params if p.get("in") == "query"} | set(COMMON_QUERY))
    values = st.one_of(st.sampled_from(HOSTILE_TEXT), st.sampled_from([str(i) for i in HUGE_INTS]))
    return st.dictionaries(st.sampled_from(names), values, max_size=3)


def _quote(value) -> str:
    """Percent-encoded as a hostile client sends it (a lone surrogate as its raw bytes)."""
    return quote(str(value), safe="", errors="surrogatepass")


def _encode(pairs: dict) -> str:
    return urlencode(pairs, encoding="utf-8", errors="surrogatepass")


def _url(template: str, values: dict, query: dict) -> str:
    path = re.sub(r"\{(\w+)\}", lambda m: _quote(values[m.group(1)]), template)
    return path + ("?" + _encode(query) if query else "")


# --- the API, from the OpenAPI document ------------------------------------------------------


def api_operations(api) -> list[tuple[str, str, dict]]:
    document = api.call("GET", "/api/v1/openapi.json").get_json()
    return [
        (path, method.upper(), op)
        for path, item in sorted(document["paths"].items())
        for method, op in sorted(item.items())
    ]


def fuzz_api_operation(shop, findings: Findings, path: str, method: str, op: dict):
    api, ids = shop["api"], shop["ids"]
    params = op.get("parameters", [])
    path_params = {p["name"]: p.get("schema", {}).get("type") for p in params if p["in"] == "path"}
    content = (op.get("requestBody") or {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    body = st.one_of(
        _from_schema(schema or {"type": "object"}), RAW_BODIES.map(lambda r: ("raw", r))
    )

    @SETTINGS
    @given(
        values=st.fixed_dictionaries({n: path_values(t, ids) for n, t in path_params.items()}),
        query=_queries(params),
        payload=body if method in ("POST", "PUT", "PATCH") else st.none(),
        key=st.one_of(st.none(), st.sampled_from(["fuzz-key", "\x00", "k" * 300])),
    )
    def run(values, query, payload, key):
        url = _url(path, values, query)
        headers = {"Idempotency-Key": key} if key and method != "GET" else None
        if isinstance(payload, tuple):
            resp = api.call(method, url, raw=payload[1], headers=headers)
        else:
            resp = api.call(method, url, payload, headers=headers)
        findings.check(method, url, resp, api=True, sent=payload)

    run()


def test_every_api_operation_answers_4xx_never_5xx(shop):
    findings = Findings()
    operations = api_operations(shop["api"])
    assert len(operations) > 40, "the OpenAPI document lost its routes"
    for path, method, op in operations:
        fuzz_api_operation(shop, findings, path, method, op)
    report(findings, "API")


# --- pages and forms, from the URL map -------------------------------------------------------


def page_rules(app) -> list[tuple[str, str]]:
    rules = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.rule.startswith(("/api/", "/static")) or rule.endpoint.endswith(".static"):
            continue
        if rule.endpoint in SKIPPED_ENDPOINTS:
            continue
        for method in sorted((rule.methods or set()) & {"GET", "POST"}):
            rules.append((rule.rule, method))
    return rules


_ARG = re.compile(r"<(?:(\w+)(?:\(([^)]*)\))?:)?(\w+)>")


def _page_path(rule: str, ids: list[int]):
    """A strategy of concrete paths for a Flask rule (ids, hostile numbers, ``any`` values)."""
    parts = []
    for m in _ARG.finditer(rule):
        conv, args, _ = m.groups()
        if conv == "any":
            choices = [a.strip().strip("'\"") for a in args.split(",")]
            parts.append(st.one_of(st.sampled_from(choices), st.sampled_from(HOSTILE_TEXT)))
        else:
            parts.append(path_values("integer" if conv == "int" else "string", ids))

    def build(values):
        it = iter(values)
        return _ARG.sub(lambda m: _quote(next(it)), rule)

    return st.tuples(*parts).map(build) if parts else st.just(rule)


def form_field_names(browser, app, ids) -> list[str]:
    """Field names of the forms on the app's own pages (with real ids in their paths)."""
    names = set()
    for rule, method in page_rules(app):
        if method != "GET":
            continue
        for record_id in ids[:5] if "<" in rule else [None]:
            url = _ARG.sub(str(record_id), rule) if record_id else rule
            resp = browser.get(url)
            if resp.mimetype != "text/html":  # downloads (CSV, XLSX, PDF) have no forms
                continue
            names |= set(re.findall(r'name="([\w\-\[\]]+)"', resp.get_data(as_text=True)))
    names.discard("csrf_token")
    return sorted(names)


def fuzz_page(browser, findings: Findings, rule: str, method: str, ids, token, fields):
    form_values = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=20))

    @SETTINGS
    @given(
        url=_page_path(rule, ids),
        query=_queries([]),
        form=st.dictionaries(st.sampled_from(fields), form_values, max_size=6),
        htmx=st.booleans(),
    )
    def run(url, query, form, htmx):
        target = url + ("?" + _encode(query) if query else "")
        headers = {"HX-Request": "true"} if htmx else {}
        if method == "GET":
            resp = browser.get(target, headers=headers)
        else:
            body = _encode({**form, "csrf_token": token})
            resp = browser.post(
                target,
                data=body,
                content_type="application/x-www-form-urlencoded",
                headers=headers,
            )
        findings.check(method, target, resp, api=False, sent=form if method == "POST" else None)

    run()


def test_every_page_and_form_answers_4xx_never_5xx(app, shop):
    browser, ids = shop["browser"], shop["ids"]
    findings = Findings()
    token = csrf_token(browser, "/company/edit")
    fields = form_field_names(browser, app, ids) + ["idempotency_key", "unknown_field"]
    rules = page_rules(app)
    assert len(rules) > 30, "the URL map lost its pages"
    for rule, method in rules:
        fuzz_page(browser, findings, rule, method, ids, token, fields)
    report(findings, "pages")


def report(findings: Findings, what: str) -> None:
    statuses = dict(sorted(findings.statuses.items()))
    print(f"\nfuzz {what}: {findings.requests} requests, {findings.failures} problems, {statuses}")
    out = os.environ.get("LEDGERLINE_FUZZ_REPORT")
    if out:
        summary = {
            "what": what,
            "requests": findings.requests,
            "failures": findings.failures,
            "statuses": statuses,
            "problems": findings.problems,
        }
        with open(out, "a") as fh:
            fh.write(json.dumps(summary) + "\n")
    assert not findings.problems, "\n".join(findings.problems)
