"""Payment and refund JSON carry ``hash`` and ``prev_hash`` of their payments chain entry."""

import jsonschema

from plugins.payments.tests.helpers import allocation, pay


def _schema(api, path, method, status):
    doc = api.get("/api/v1/openapi.json").get_json()
    content = doc["paths"][path][method]["responses"][status]["content"]
    return content["application/json"]["schema"]


def test_payments_show_their_chain_entry_everywhere(api, invoice_for):
    inv = invoice_for("1000.00")
    first = pay(api, allocation(inv["id"], "100.00")).get_json()
    second = pay(api, allocation(inv["id"], "50.00")).get_json()
    assert first["prev_hash"] is None and len(first["hash"]) == 64
    assert second["prev_hash"] == first["hash"] and second["hash"] != first["hash"]

    read = api.get(f"/api/v1/payments/{first['id']}").get_json()
    assert (read["hash"], read["prev_hash"]) == (first["hash"], None)
    listed = api.get("/api/v1/payments").get_json()["data"]
    assert {p["id"]: p["hash"] for p in listed} == {
        first["id"]: first["hash"],
        second["id"]: second["hash"],
    }
    of_invoice = api.get(f"/api/v1/invoices/{inv['id']}/payments").get_json()["data"]
    assert [p["prev_hash"] for p in of_invoice] == [None, first["hash"]]

    reversal = api.post(f"/api/v1/payments/{second['id']}/reverse", json={}).get_json()
    assert reversal["prev_hash"] == second["hash"]
    head = api.get("/api/v1/payments/chain/verify").get_json()
    assert head["ok"] and head["head_hash"] == reversal["hash"]

    jsonschema.validate(first, _schema(api, "/api/v1/payments", "post", "201"))
    jsonschema.validate(read, _schema(api, "/api/v1/payments/{payment_id}", "get", "200"))
    page = api.get("/api/v1/payments?include_archived=1").get_json()
    jsonschema.validate(page, _schema(api, "/api/v1/payments", "get", "200"))


def test_a_refund_gets_its_hash_when_processed(api, invoice_for):
    inv = invoice_for("1000.00")
    payment = pay(api, allocation(inv["id"], "100.00")).get_json()
    body = {"payment_id": payment["id"], "amount": "30.00", "reason": "Returned goods"}
    refund = api.post("/api/v1/refunds", json=body).get_json()
    assert (refund["hash"], refund["prev_hash"]) == (None, None)
    api.post(f"/api/v1/refunds/{refund['id']}/approve")
    done = api.post(f"/api/v1/refunds/{refund['id']}/process").get_json()
    assert done["status"] == "processed" and done["prev_hash"] == payment["hash"]
    head = api.get("/api/v1/payments/chain/verify").get_json()["head_hash"]
    assert done["hash"] == head
    listed = api.get(f"/api/v1/refunds?payment_id={payment['id']}").get_json()
    assert [r["hash"] for r in listed["data"]] == [head]
    jsonschema.validate(listed, _schema(api, "/api/v1/refunds", "get", "200"))
    schema = _schema(api, "/api/v1/refunds/{refund_id}", "get", "200")
    assert {"hash", "prev_hash"} <= set(schema["properties"])
    jsonschema.validate(api.get(f"/api/v1/refunds/{refund['id']}").get_json(), schema)
