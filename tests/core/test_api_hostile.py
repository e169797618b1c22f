"""Every ``/api/v1`` operation in the OpenAPI document against a hostile or careless caller.

One table, driven by the document (routes plugins add later are covered without touching this
file). Two companies hold records of every kind, made through the API itself; while doing so
every success is checked against the status the document promises. Then company A's token:

- uses each of company B's ids in every operation's path: 404 ``not_found`` (or, for a body
  refused before any lookup, the very answer an id nobody has gets), never B's data;
- names B's records inside write bodies (a customer, an invoice to allocate, a PO line...);
- sends every write a body that is not what the operation takes (form-encoded, text, JSON to
  an XML route): 415 ``unsupported_media_type``;
- pages every list with bad ``limit``/``offset``/``after`` values: 400 ``invalid_parameter``;
- sends every number a write takes hostile values (floats, NaN, 1e400, "١٠", "1_000", negative
  or zero amounts): 422 naming the field;
- retries every write with its ``Idempotency-Key`` (the first answer replayed, nothing new),
  reuses the key for another request (409), and adds an unknown field (422 naming it);
- meets the refusals the contracts name (``invoice_not_draft``, ``invoice_not_payable``,
  ``match_not_clean``, a second live payment request).

Each error must be the one error object, and afterwards every record of both companies reads
exactly as before (nothing lost, nothing half-written). The answers met on the way are held to
the "API (automation contract)" sections of the resolved issues (``CONTRACT`` below): status,
fields, fixed values, amounts as two-decimal strings.
"""

from __future__ import annotations

import copy
import json
import re
from urllib.parse import quote

import pytest

from plugins.invoicing.tests.helpers import Api, draft_payload

SKIP_SNAPSHOT = re.compile(r"/(health|openapi\.json|pdf|receipt|document|export|me)$|/signed$")
BAD_PAGES = [
    ("limit", "0"),
    ("limit", "-1"),
    ("limit", "1e3"),
    ("limit", "99999999999999999999999"),
    ("offset", "-1"),
    ("offset", "x"),
    ("after", "not-a-cursor"),
    ("after", "eyJ4IjogMX0"),
]
# Refused in every number a write takes (quantities and unit prices too), with the field named:
# floats, non-numbers, out of range, and digits that are not ASCII (the OpenAPI patterns' \d is
# ECMA-262's [0-9]; "١٠" or "1_000" would otherwise be read as 10 and 1000).
NOT_A_NUMBER = ["NaN", "Infinity", "1e400", "1e-400", 10.5, "99999999999999999999.00", "", None,
                True, ["1"], "١٠", "１０", "1_000", "0x10"]  # fmt: skip
NOT_AN_AMOUNT = [*NOT_A_NUMBER, "-1.00", "0", "1.001"]  # what is paid or refunded
WRONG_BODIES = [
    ("application/x-www-form-urlencoded", "name=Acme&amount=1"),
    ("text/plain", '{"name": "Acme"}'),
    ("multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="a"'),
]


@pytest.fixture
def app_config(app_config):
    return {**app_config, "RATELIMIT_ENABLED": False}


class Caller(Api):
    """A JSON client that checks every success against the OpenAPI document."""

    def __init__(self, client, token, document):
        super().__init__(client, token)
        self.document = document
        self.undocumented: list[str] = []
        self.answers: dict[tuple[str, str], tuple[int, object]] = {}
        self.writes: list[tuple] = []  # (method, path, body, key, status, answer) of each write

    def ok(self, method: str, path: str, json=None):
        key = f"audit-{len(self.writes)}" if method != "GET" else None
        resp = self._call(
            method, path, json=json, headers={"Idempotency-Key": key} if key else None
        )
        template = _template(self.document, path.partition("?")[0])
        documented = self.document["paths"][template][method.lower()]["responses"]
        success = [code for code in documented if code.startswith("2")]
        assert resp.status_code < 300, (method, path, resp.status_code, resp.get_json())
        if str(resp.status_code) not in success:
            self.undocumented.append(f"{method} {template}: {resp.status_code}, not {success}")
        if not resp.headers.get("X-Correlation-ID"):  # issue 2: on every response
            self.undocumented.append(f"{method} {template}: no X-Correlation-ID")
        self.answers[(method, template)] = (resp.status_code, resp.get_json())
        if key:
            self.writes.append((method, path, json, key, resp.status_code, resp.get_json()))
        return resp.get_json()

    def unknown_fields(self):
        """Every write again with a field it does not know: 422 naming it, nothing written."""
        for method, path, body, *_ in self.writes:
            resp = self._call(method, path, json={**(body or {}), "colour": "red"})
            problem = _error(resp, 422, "validation_failed", f"{method} {path} + colour")
            fields = resp.get_json()["error"]["details"].get("fields", {}) if not problem else {}
            yield problem or (None if "colour" in fields else f"{method} {path}: {fields}")

    def duplicate_keys(self):
        """Every write again with its first field sent twice: 422 naming it (JSON parsers
        disagree on which value wins, so neither is taken), nothing written."""
        for method, path, body, *_ in self.writes:
            if not body:
                continue
            name = next(iter(body))
            raw = json.dumps(body)[:-1] + f", {json.dumps(name)}: {json.dumps(body[name])}}}"
            resp = self.client.open(
                path,
                method=method,
                data=raw,
                content_type="application/json",
                headers={"Authorization": f"Bearer {self.token}"},
            )
            problem = _error(resp, 422, "validation_failed", f"{method} {path} {name} twice")
            fields = resp.get_json()["error"]["details"].get("fields", {}) if not problem else {}
            yield problem or (None if name in fields else f"{method} {path}: {fields}")

    def retries(self):
        """Every write again with its key (the first answer, replayed, nothing new), then the
        key with another request (409 ``idempotency_key_reused``)."""
        for method, path, body, key, status, answer in self.writes:
            resp = self._call(method, path, json=body, headers={"Idempotency-Key": key})
            if (resp.status_code, resp.get_json()) != (status, answer):
                yield f"{method} {path} retried: {resp.status_code} {resp.get_json()}"
            elif resp.headers.get("Idempotent-Replayed") != "true":
                yield f"{method} {path} retried: ran again instead of replaying"
            other = self._call(
                method, path + "?again=1", json=body, headers={"Idempotency-Key": key}
            )
            yield _error(other, 409, "idempotency_key_reused", f"{method} {path} key reused")


def _template(document: dict, path: str) -> str:
    if path in document["paths"]:  # /payments/settings is not /payments/{payment_id}
        return path
    for template in document["paths"]:
        if re.fullmatch(re.sub(r"\{\w+\}", r"[^/]+", template), path):
            return template
    raise AssertionError(f"{path} is not in the OpenAPI document")


def stock(api: Caller, user_id: int) -> dict[str, int]:
    """Records of every kind for one company; returns ids by path-parameter name."""
    buyer = {
        "name": "Gulf Buyer LLC",
        "trn": "100987654300003",
        "peppol_id": "0235:1009876543",
        "address_line1": "2 Corniche",
        "city": "Abu Dhabi",
    }
    customer = api.ok("POST", "/api/v1/customers", buyer)
    invoice = api.ok("POST", "/api/v1/invoices", draft_payload(customer["id"]))
    api.ok("POST", f"/api/v1/invoices/{invoice['id']}/finalize", {})
    finalized = invoice["id"]
    draft = api.ok("POST", "/api/v1/invoices", draft_payload(customer["id"]))
    paid = {"amount": "10.00", "allocations": [{"invoice_id": invoice["id"], "amount": "10.00"}]}
    payment = api.ok("POST", "/api/v1/payments", paid)
    refund = api.ok(
        "POST", "/api/v1/refunds", {"payment_id": payment["id"], "amount": "1.00", "reason": "r"}
    )
    item = api.ok(
        "POST", "/api/v1/catalog-items", {"code": "BOLT", "name": "Bolt", "unit_price": "2.50"}
    )
    ids = {
        "customer_id": customer["id"],
        "invoice_id": draft["id"],
        "payment_id": payment["id"],
        "refund_id": refund["id"],
        "item_id": item["id"],
        "finalized_id": finalized,
    }
    ids |= _stock_ap(api)
    ids |= _stock_peppol(api, invoice["id"])
    ids["user_id"] = user_id
    _edit_everything(api, ids)
    ids["request_id"] = _stock_wallet(api, customer["id"], user_id)
    ids["entry_id"] = api.ok("GET", "/api/v1/audit?limit=1")["data"][0]["id"]
    return ids


def _edit_everything(api: Caller, ids: dict) -> None:
    """One PATCH/PUT of each editable record and setting (so replays, unknown fields and the
    documented statuses are checked on edits too)."""
    edits = [
        ("PATCH", f"/api/v1/customers/{ids['customer_id']}", {"city": "Sharjah"}),
        ("PATCH", f"/api/v1/vendors/{ids['vendor_id']}", {"city": "Dubai"}),
        ("PATCH", f"/api/v1/invoices/{ids['invoice_id']}", {"notes": "Deliver by March"}),
        ("PATCH", f"/api/v1/catalog-items/{ids['item_id']}", {"name": "Bolt M8"}),
        ("PATCH", "/api/v1/company", {"phone": "+97141234567"}),
        ("PATCH", "/api/v1/ap/settings", {"price_tolerance_percent": "4"}),
        ("PATCH", "/api/v1/payments/settings", {"overpayment_policy": "reject"}),
        ("PATCH", "/api/v1/peppol/settings", {"inbox_time": "03:00"}),
        ("PUT", "/api/v1/einvoice/settings", {"required_profiles": []}),
        ("PATCH", f"/api/v1/peppol/providers/{ids['provider_id']}", {"priority": 2}),
    ]
    for method, path, body in edits:
        api.ok(method, path, body)


def _stock_ap(api: Caller) -> dict[str, int]:
    from plugins.ap.tests.helpers import LINES

    vendor = api.ok("POST", "/api/v1/vendors", {"name": "Desert Supplies", "country": "AE"})
    po_body = {
        "vendor_id": vendor["id"],
        "currency": "AED",
        "order_date": "2026-03-01",
        "lines": LINES,
    }
    po = api.ok("POST", "/api/v1/purchase-orders", po_body)
    po = api.ok("POST", f"/api/v1/purchase-orders/{po['id']}/send", {})
    line = po["lines"][0]
    received = {
        "received_date": "2026-03-05",
        "lines": [
            {"po_line_id": line["id"], "received_quantity": "100", "accepted_quantity": "100"}
        ],
    }
    receipt = api.ok("POST", f"/api/v1/purchase-orders/{po['id']}/receipts", received)
    bill_body = {
        "vendor_id": vendor["id"],
        "vendor_invoice_number": "INV-1",
        "issue_date": "2026-03-10",
        "currency": "AED",
        "purchase_order_id": po["id"],
        "lines": [
            {
                "description": line["description"],
                "quantity": "100",
                "unit_price": "2.50",
                "tax_category": "S",
                "tax_rate": "5",
                "po_line_id": line["id"],
            }
        ],
    }
    bill = api.ok("POST", "/api/v1/bills", bill_body)
    api.ok("POST", f"/api/v1/bills/{bill['id']}/approve", {})
    bill_payment = api.ok(
        "POST", f"/api/v1/bills/{bill['id']}/payments", {"amount": "1.00", "method": "cash"}
    )
    return {
        "vendor_id": vendor["id"],
        "order_id": po["id"],
        "receipt_id": receipt["id"],
        "bill_id": bill["id"],
        "line_id": bill["lines"][0]["id"],
        "bill_payment_id": bill_payment["id"],
        "po_line_id": line["id"],
        "unclean_bill_id": api.ok(
            "POST", "/api/v1/bills", {**bill_body, "vendor_invoice_number": "INV-2"}
        )["id"],
    }


def _stock_peppol(api: Caller, invoice_id: int) -> dict[str, int]:
    provider = api.ok(
        "POST", "/api/v1/peppol/providers", {"name": "mock-a", "type": "mock", "priority": 1}
    )
    hook = api.ok("POST", "/api/v1/peppol/webhooks", {"url": "https://hooks.example.ae/x"})
    transmission = api.ok("POST", f"/api/v1/invoices/{invoice_id}/transmit", {})
    again = api.post(f"/api/v1/invoices/{invoice_id}/transmit")  # the contract: 200, same id
    assert (again.status_code, again.get_json()["id"]) == (200, transmission["id"])
    documented = api.document["paths"]["/api/v1/invoices/{invoice_id}/transmit"]["post"]
    assert {"200", "202"} <= set(documented["responses"])
    api.ok("GET", f"/api/v1/peppol/transmissions/{transmission['id']}")
    job = api.ok("POST", "/api/v1/peppol/inbox/fetch", {})
    return {
        "provider_id": provider["id"],
        "webhook_id": hook["id"],
        "transmission_id": transmission["id"],
        "job_id": job["job_id"],
    }


def _stock_wallet(api: Caller, customer_id: int, account: int) -> int:
    from plugins.wallet.tests.anvil import ALPHA_USD
    from plugins.wallet.tests.helpers import account_xpub

    wallet = {"mode": "hd", "xpub": account_xpub(account), "chain_id": 31337,
              "token_address": ALPHA_USD, "confirmations": 1}  # fmt: skip
    api.ok("PATCH", "/api/v1/wallet/settings", wallet)
    body = draft_payload(customer_id, currency="USD", exchange_rate="3.6725")
    invoice = api.ok("POST", "/api/v1/invoices", body)
    api.ok("POST", f"/api/v1/invoices/{invoice['id']}/finalize", {})
    api.wallet_invoice = invoice["id"]
    made = api.ok("POST", f"/api/v1/invoices/{invoice['id']}/payment-requests", {})
    api.ok("GET", f"/api/v1/wallet/payment-requests/{made['id']}")
    return made["id"]


@pytest.fixture
def world(app, client, make_company, make_user, api_token):
    from core.api import db

    place = {
        "iban": "AE070331234567890123456",
        "address_line1": "1 Sheikh Zayed Rd",
        "city": "Dubai",
    }
    companies = [make_company(name=name, **place) for name in ("Alpha LLC", "Beta LLC")]
    users = [make_user(email=f"admin{n}@x.ae", company=c) for n, c in enumerate(companies)]
    tokens = [api_token(user) for user in users]
    document = client.get(
        "/api/v1/openapi.json", headers={"Authorization": f"Bearer {tokens[0]}"}
    ).get_json()
    callers = [Caller(app.test_client(), token, document) for token in tokens]
    ids = [stock(caller, user.id) for caller, user in zip(callers, users, strict=True)]
    db.session.commit()
    return {"document": document, "a": callers[0], "b": callers[1], "ids": ids}


def operations(document: dict):
    for path, item in sorted(document["paths"].items()):
        for method, op in sorted(item.items()):
            yield path, method.upper(), op


def _fill(path: str, ids: dict) -> str | None:
    """The path with the company's ids, or None when a parameter has no company record."""
    names = re.findall(r"\{(\w+)\}", path)
    if "bills" in path and "payment_id" in names:
        ids = {**ids, "payment_id": ids["bill_payment_id"]}
    if not names or any(name not in ids for name in names):
        return None
    return re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), path)


def snapshot(caller: Caller, document: dict, ids: dict) -> dict[str, object]:
    """Every JSON record and list the company can read (GET operations)."""
    seen = {}
    for path, method, _ in operations(document):
        url = _fill(path, ids) if "{" in path else path
        if method != "GET" or url is None or SKIP_SNAPSHOT.search(path):
            continue
        resp = caller.get(url)
        if not resp.headers.get("X-Correlation-ID"):
            caller.undocumented.append(f"GET {url}: no X-Correlation-ID")
        body = resp.get_json(silent=True)
        if isinstance(body, dict):
            body.pop("correlation_id", None)  # new on every answer, errors included
        seen[url] = (resp.status_code, body if body is not None else resp.get_data())
    return seen


def _error(resp, status: int, code: str, where: str) -> str | None:
    body = resp.get_json(silent=True)
    if resp.status_code != status or not isinstance(body, dict):
        return f"{where}: {resp.status_code} {resp.get_data(as_text=True)[:200]}"
    error = body.get("error") or {}
    shaped = set(body) == {"error", "correlation_id"} and isinstance(error.get("details"), dict)
    if not shaped or error.get("code") != code or not error.get("message"):
        return f"{where}: not the {code} error object: {body}"
    if resp.headers.get("X-Correlation-ID") != body["correlation_id"]:
        return f"{where}: X-Correlation-ID {resp.headers.get('X-Correlation-ID')} is not the body's"
    return None


def test_every_operation_keeps_its_contract_refuses_hostile_callers_and_loses_nothing(world):
    document, a, b = world["document"], world["a"], world["b"]
    before = [snapshot(a, document, world["ids"][0]), snapshot(b, document, world["ids"][1])]
    problems = []
    counts = {"other_company": 0, "media_type": 0, "pagination": 0, "filters": 0}
    for path, method, op in operations(document):
        for kind, problem in _probe(a, path, method, op, world["ids"]):
            counts[kind] += 1
            if problem:
                problems.append(problem)
    problems += [problem for caller in (a, b) for problem in caller.retries() if problem]
    problems += [problem for caller in (a, b) for problem in caller.unknown_fields() if problem]
    problems += [problem for problem in a.duplicate_keys() if problem]
    problems += [problem for problem in _options(a, document, world["ids"][0]) if problem]
    problems += [problem for problem in _read_modify_write(a, document) if problem]
    problems += [problem for problem in _money(a, world["ids"][0]) if problem]
    problems += [problem for problem in _refusals(a, world["ids"][0]) if problem]
    problems += [problem for problem in _their_ids_in_bodies(a, *world["ids"]) if problem]
    after = [snapshot(a, document, world["ids"][0]), snapshot(b, document, world["ids"][1])]
    changed = [
        url
        for old, new in zip(before, after, strict=True)
        for url in old
        if old[url] != new.get(url)
    ]
    assert not problems, "\n".join(problems)
    assert not changed, changed
    assert not a.undocumented + b.undocumented, a.undocumented + b.undocumented
    assert not contract_problems(a.answers), contract_problems(a.answers)


def _probe(a: Caller, path: str, method: str, op: dict, ids: list[dict]):
    theirs, ours = _fill(path, ids[1]), (_fill(path, ids[0]) if "{" in path else path)
    if theirs is not None:
        yield "other_company", _unseen(a, method, path, theirs)
    content = (op.get("requestBody") or {}).get("content", {})
    if content and ours is not None:
        for mimetype, raw in _wrong_bodies(content):
            resp = a.client.open(
                ours,
                method=method,
                data=raw,
                content_type=mimetype,
                headers={"Authorization": f"Bearer {a.token}"},
            )
            where = f"{method} {ours} as {mimetype}"
            yield "media_type", _error(resp, 415, "unsupported_media_type", where)
    declared = {p["name"] for p in op.get("parameters", []) if p["in"] == "query"}
    if method == "GET" and ours is not None and "limit" in declared:
        for name, value in BAD_PAGES:
            if name in declared:
                resp = a.get(f"{ours}?{name}={value}")
                where = f"GET {ours}?{name}={value}"
                yield "pagination", _error(resp, 400, "invalid_parameter", where)
    if method == "GET" and ours is not None:
        for param in op.get("parameters", []):
            for value in _bad_filter_values(param) if param["in"] == "query" else ():
                resp = a.get(f"{ours}?{param['name']}={quote(value)}")
                where = f"GET {ours}?{param['name']}={value}"
                yield "filters", _error(resp, 400, "invalid_parameter", where)


def _options(a: Caller, document: dict, ids: dict):
    """``OPTIONS`` on every path: 204 with the methods the document lists in ``Allow``."""
    for path, item in sorted(document["paths"].items()):
        url = _fill(path, ids) if "{" in path else path
        if url is None:
            continue
        resp = a._call("OPTIONS", url)
        allowed = {m.strip() for m in resp.headers.get("Allow", "").split(",")}
        documented = {method.upper() for method in item}
        if resp.status_code != 204 or resp.get_data() or not documented <= allowed:
            yield f"OPTIONS {url}: {resp.status_code} {resp.content_type} Allow={allowed}"


def _read_modify_write(a: Caller, document: dict):
    """Every settings-like resource takes back what its GET answered (read-only fields
    unchanged): 200 and the same record, never a 422 for a field the API itself sent."""
    for path, item in sorted(document["paths"].items()):
        for method in ("put", "patch"):
            if "{" in path or "get" not in item or method not in item:
                continue
            shown = a.get(path).get_json()
            resp = a._call(method.upper(), path, json=shown)
            if resp.status_code != 200 or resp.get_json() != shown:
                yield f"{method.upper()} {path} with its GET: {resp.status_code} {resp.get_json()}"


def _bad_filter_values(param: dict) -> list[str]:
    """Values a declared filter cannot mean: 400 naming it, never a 500 or an ignored filter."""
    schema = param.get("schema", {})
    if schema.get("type") == "integer":
        return ["²", "٣", str(2**64), "1.5", "x"]
    if "enum" in schema:
        return ["PWNED"]
    return ["2026-02-30", "yesterday"] if schema.get("format") == "date" else []


def _unseen(a: Caller, method: str, path: str, theirs: str) -> str | None:
    """B's record is invisible: 404, or the very answer an id nobody has gets (a body
    refused before any lookup)."""
    body = {} if method != "GET" else None
    resp = a._call(method, theirs, json=body)
    if resp.status_code == 404:
        return _error(resp, 404, "not_found", f"{method} {theirs} (B's ids)")
    nobody = a._call(method, re.sub(r"\{\w+\}", str(2**31 - 1), path), json=body)
    same = (resp.status_code, _code(resp)) == (nobody.status_code, _code(nobody))
    if not same or resp.status_code < 400:
        return (
            f"{method} {theirs} (B's ids): {resp.status_code} {resp.get_data(as_text=True)[:300]}"
        )
    return _error(resp, resp.status_code, _code(resp)[0], f"{method} {theirs}")


def _code(resp):
    body = resp.get_json(silent=True) or {}
    error = body.get("error") if isinstance(body, dict) else None
    return (error or {}).get("code"), (error or {}).get("details")


def _money_bodies(ids: dict):
    """(path, body, where the number sits, refused values) of every write that takes numbers."""
    inv, line = ids["finalized_id"], {"description": "Work", "quantity": "1", "unit_price": "5"}
    po_line = {"description": "Bolt", "quantity": "1", "unit_code": "H87", "unit_price": "5",
               "tax_category": "S", "tax_rate": "5"}  # fmt: skip
    bill_line = {key: po_line[key] for key in po_line if key != "unit_code"}
    pay = {"amount": "1.00", "allocations": [{"invoice_id": inv, "amount": "1.00"}]}
    refund = {"payment_id": ids["payment_id"], "amount": "1.00", "reason": "r"}
    bill_pay = {"amount": "1.00", "method": "cash"}
    yield "/api/v1/payments", pay, ["amount"], NOT_AN_AMOUNT
    yield "/api/v1/payments", pay, ["allocations", 0, "amount"], NOT_AN_AMOUNT
    yield "/api/v1/refunds", refund, ["amount"], NOT_AN_AMOUNT
    yield f"/api/v1/bills/{ids['bill_id']}/payments", bill_pay, ["amount"], NOT_AN_AMOUNT
    item = {"code": "C2", "name": "c", "unit_price": "1"}
    yield "/api/v1/catalog-items", item, ["unit_price"], NOT_A_NUMBER
    invoice = {"customer_id": ids["customer_id"], "issue_date": "2026-03-01", "lines": [line]}
    order = {"vendor_id": ids["vendor_id"], "currency": "AED", "order_date": "2026-03-01",
             "lines": [po_line]}  # fmt: skip
    bill = {"vendor_id": ids["vendor_id"], "issue_date": "2026-03-10", "currency": "AED",
            "lines": [bill_line]}  # fmt: skip
    lists = {"/api/v1/invoices": invoice, "/api/v1/purchase-orders": order, "/api/v1/bills": bill}
    for path, body in lists.items():
        for name in ("quantity", "unit_price"):
            yield path, body, ["lines", 0, name], NOT_A_NUMBER


def unique(path: str, text: str) -> dict:
    """What keeps one probe's record from colliding with the last (a duplicate is no test)."""
    if path.endswith("/bills"):
        return {"vendor_invoice_number": text}
    return {"code": text} if path.endswith("/catalog-items") else {}


def _money(a: Caller, ids: dict):
    """Each refused number is a 422 naming its field (``lines[0].quantity`` or the like)."""
    for n, (path, body, where, values) in enumerate(_money_bodies(ids)):
        for m, value in enumerate(values):
            sent = copy.deepcopy(body)
            sent.update(unique(path, f"N-{n}-{m}"))
            target = sent
            for step in where[:-1]:
                target = target[step]
            target[where[-1]] = value
            resp = a.post(path, json=sent)
            text = f"POST {path} with {'.'.join(map(str, where))}={value!r}"
            problem = _error(resp, 422, "validation_failed", text)
            fields = (resp.get_json(silent=True) or {}).get("error", {}).get("details", {})
            named = any(str(where[-1]) in field for field in fields.get("fields", {}))
            yield problem or (None if named else f"{text}: does not name the field: {fields}")


def _refusals(a: Caller, ids: dict):
    """The refusals the contracts name, each with its status and code."""
    done, draft = ids["finalized_id"], ids["invoice_id"]
    unpaid = {"amount": "1.00", "allocations": [{"invoice_id": draft, "amount": "1.00"}]}
    table = [
        ("PATCH", f"/api/v1/invoices/{done}", {"notes": "x"}, 409, "invoice_not_draft"),
        ("DELETE", f"/api/v1/invoices/{done}", None, 409, "invoice_not_draft"),
        ("POST", "/api/v1/payments", unpaid, 409, "invoice_not_payable"),
        ("POST", f"/api/v1/invoices/{draft}/payment-requests", {}, 409, None),
        ("POST", f"/api/v1/invoices/{a.wallet_invoice}/payment-requests", {}, 409, None),
        ("POST", f"/api/v1/bills/{ids['unclean_bill_id']}/approve", {}, 409, "match_not_clean"),
    ]
    for method, path, body, status, code in table:
        resp = a._call(method, path, json=body)
        yield _error(resp, status, code or _code(resp)[0], f"{method} {path}")
    checked = a.ok("GET", "/api/v1/peppol/participants/0235:1009876543")
    unknown = a.ok("GET", "/api/v1/peppol/participants/9999:x")
    if (
        not {"valid_format", "scheme", "value"} <= set(checked)
        or checked["valid_format"] is not True
    ):
        yield f"participant check: {checked}"
    if unknown.get("valid_format") is not False or not unknown.get("reason"):
        yield f"an unknown scheme is not valid_format false with a reason: {unknown}"


def _their_ids_in_bodies(a: Caller, ours: dict, theirs: dict):
    """A's writes naming B's records in the body: 404, or a 422 blaming the field holding B's
    id (a refusal for any other reason would prove nothing); nothing written."""
    line = {"description": "Work", "quantity": "1", "unit_price": "5"}
    taxed = {**line, "tax_category": "S", "tax_rate": "5"}
    bill = {"vendor_invoice_number": "X-1", "issue_date": "2026-03-10", "currency": "AED"}
    their_line = theirs["po_line_id"]
    received = {"po_line_id": their_line, "received_quantity": "1", "accepted_quantity": "1"}
    allocation = {"invoice_id": theirs["finalized_id"], "amount": "1.00"}
    credit = {"customer_id": theirs["customer_id"], "invoice_id": ours["finalized_id"]}
    order = {"currency": "AED", "order_date": "2026-03-01", "lines": [taxed]}
    table = [
        ("/api/v1/invoices", {"customer_id": theirs["customer_id"], "issue_date": "2026-03-01",
                              "lines": [line]}),
        ("/api/v1/payments", {"amount": "1.00", "allocations": [allocation]}),
        ("/api/v1/refunds", {"payment_id": theirs["payment_id"], "amount": "1.00", "reason": "r"}),
        ("/api/v1/payments/credit-allocations", {**credit, "amount": "1.00"}),
        ("/api/v1/purchase-orders", {**order, "vendor_id": theirs["vendor_id"]}),
        ("/api/v1/bills", {**bill, "vendor_id": theirs["vendor_id"], "lines": [taxed]}),
        ("/api/v1/bills", {**bill, "vendor_id": ours["vendor_id"], "lines": [taxed],
                           "purchase_order_id": theirs["order_id"]}),
        ("/api/v1/bills", {**bill, "vendor_id": ours["vendor_id"],
                           "lines": [{**taxed, "po_line_id": their_line}]}),
        (f"/api/v1/purchase-orders/{ours['order_id']}/receipts",
         {"received_date": "2026-03-06", "lines": [received]}),
        ("/api/v1/peppol/settings", {"forward_provider_id": theirs["provider_id"]}),
        ("/api/v1/wallet/payment-requests/bulk",
         {"invoice_ids": [ours["finalized_id"], theirs["finalized_id"]]}),
    ]  # fmt: skip
    for path, body in table:
        method = "PATCH" if path.endswith("/settings") else "POST"
        resp = a._call(method, path, json=body)
        code, details = _code(resp)
        fields = (details or {}).get("fields", {})
        named = resp.status_code == 404 or any(re.search(r"_ids?(\[\d+\])?$", f) for f in fields)
        where = f"{method} {path} with B's ids"
        if resp.status_code not in (404, 422) or not named:
            yield f"{where}: {resp.status_code} {resp.get_data(as_text=True)[:300]}"
        else:
            yield _error(resp, resp.status_code, code, where)


def _wrong_bodies(content: dict):
    if "application/json" in content:
        return WRONG_BODIES
    return [("application/json", '{"xml": false}'), ("text/plain", "not a document")]


# --- the "API (automation contract)" sections of issues 3, 4, 10, 11 and 12 -----------------

AMOUNT = re.compile(r"-?\d+\.\d\d")
INVOICE = {"id", "number", "type", "status", "payment_status", "customer_id", "currency",
           "issue_date", "due_date", "subtotal", "tax_total", "total", "amount_due", "hash",
           "prev_hash", "lines"}  # fmt: skip
MATCH_LINE = {"po_line_id", "ordered_quantity", "accepted_quantity", "billed_quantity",
              "quantity_variance", "po_unit_price", "billed_unit_price", "price_variance",
              "amount_variance", "within_tolerance"}  # fmt: skip
PAYMENT_REQUEST = {"id", "address", "token_address", "chain_id", "amount_units", "decimals",
                   "expires_at", "monitor_until", "uri", "memo", "status", "exception"}  # fmt: skip
# (method, OpenAPI path) -> (status, top-level keys, {key: exact value}, {list key: item keys})
CONTRACT = {
    ("POST", "/api/v1/customers"): (201, {"id"}, {}, {}),
    ("POST", "/api/v1/invoices"): (201, INVOICE, {"type": "invoice"}, {"lines": {
        "description", "quantity", "unit_code", "unit_price", "tax_category", "tax_rate",
        "line_total"}}),
    ("POST", "/api/v1/payments"): (201, {"id", "number", "customer_id", "amount", "currency",
        "method", "date", "reference", "status", "allocations", "reversal_of"}, {},
        {"allocations": {"invoice_id", "amount"}}),
    ("POST", "/api/v1/vendors"): (201, {"id"}, {}, {}),
    ("POST", "/api/v1/purchase-orders"): (201, {"id", "number", "status", "lines", "total"},
        {"status": "DRAFT"}, {"lines": {"id"}}),
    ("POST", "/api/v1/purchase-orders/{order_id}/send"): (200, {"number"}, {"status": "SENT"},
        {}),
    ("POST", "/api/v1/purchase-orders/{order_id}/receipts"): (201, {"id", "number"}, {}, {}),
    ("POST", "/api/v1/bills"): (201, {"status", "match_status", "match"}, {}, {}),
    ("POST", "/api/v1/bills/{bill_id}/approve"): (200, {"status"}, {"status": "APPROVED"}, {}),
    ("POST", "/api/v1/peppol/providers"): (201, {"id"}, {}, {}),
    ("POST", "/api/v1/invoices/{invoice_id}/transmit"): (202, {"id", "state", "provider",
        "document_id", "attempts", "mls"}, {}, {}),
    ("POST", "/api/v1/peppol/inbox/fetch"): (202, {"job_id"}, {}, {}),
    ("PATCH", "/api/v1/wallet/settings"): (200, {"xpub", "mode", "token_address", "chain_id",
        "confirmations", "expiry_minutes", "monitor_minutes", "tolerance_percent"}, {}, {}),
    ("POST", "/api/v1/invoices/{invoice_id}/payment-requests"): (201, PAYMENT_REQUEST,
        {"status": "New", "exception": None}, {}),
    ("GET", "/api/v1/wallet/payment-requests/{request_id}"): (200, PAYMENT_REQUEST | {"payments"},
        {"status": "New"}, {}),
    ("GET", "/api/v1/peppol/transmissions/{transmission_id}"): (200, {"id", "state", "provider",
        "attempts", "mls"}, {}, {}),
}  # fmt: skip


def contract_problems(answers: dict) -> list[str]:
    problems = [f"{op} was not exercised" for op in CONTRACT if op not in answers]
    for op, (status, body) in answers.items():
        if op not in CONTRACT:
            continue
        want, keys, values, items = CONTRACT[op]
        problems += [f"{op}: {status}, not {want}"] if status != want else []
        problems += [f"{op} lacks {sorted(keys - set(body))}"] if keys - set(body) else []
        problems += [f"{op}: {k}={body.get(k)!r}" for k, v in values.items() if body.get(k) != v]
        for name, item_keys in items.items():
            problems += [f"{op}: {name}[] lacks {sorted(item_keys - set(item))}"
                         for item in body[name] if item_keys - set(item)]  # fmt: skip
        problems += _amounts(op, body)
    return problems


def _amounts(op, body: dict) -> list[str]:
    """Amounts are strings with two decimals; a provider never echoes its secret; a bill's
    match has its lines and total variance."""
    money = {"subtotal", "tax_total", "total", "amount_due", "amount", "line_total"}
    found = [(k, v) for k, v in body.items() if k in money]
    for name in ("lines", "allocations"):
        found += [(k, v) for item in body.get(name) or [] for k, v in item.items() if k in money]
    bad = [f"{op}: {k}={v!r} is not an amount" for k, v in found
           if op[1].startswith(("/api/v1/invoices", "/api/v1/payments"))
           and not (isinstance(v, str) and AMOUNT.fullmatch(v))]  # fmt: skip
    if op[1] == "/api/v1/peppol/providers" and {"api_key", "secret"} & set(body):
        bad.append(f"{op} echoes a secret")
    if op[1] == "/api/v1/bills":
        match = body["match"]
        bad += [f"bill match lacks {k}" for k in ("lines", "total_variance") if k not in match]
        bad += [f"match line lacks {sorted(MATCH_LINE - set(line))}" for line in match["lines"]
                if MATCH_LINE - set(line)]  # fmt: skip
    return bad
