"""The invoice API a client integrates against: drafts, lifecycle, credit notes, XML."""

from plugins.invoicing.tests.helpers import draft_payload


def _draft(api, customer, **extra):
    resp = api.post("/api/v1/invoices", json=draft_payload(customer.id, **extra))
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def _finalized(api, customer, **extra):
    draft = _draft(api, customer, **extra)
    resp = api.post(f"/api/v1/invoices/{draft['id']}/finalize")
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def test_draft_shows_live_totals_as_two_decimal_strings(api, customer):
    body = _draft(api, customer)
    assert body["status"] == "DRAFT" and body["number"] is None and body["type"] == "invoice"
    assert (body["subtotal"], body["tax_total"], body["total"]) == ("1599.99", "80.00", "1679.99")
    assert body["amount_due"] == "1679.99"
    assert body["due_date"] == "2026-03-15"  # customer's 14 days of payment terms
    assert [ln["line_total"] for ln in body["lines"]] == ["1500.00", "99.99"]
    assert body["lines"][1]["unit_code"] == "H87" and body["lines"][0]["tax_rate"] == "5.00"


def _watch_key_and_lock(monkeypatch) -> list[str]:
    """What a finalize does in which order: make the company's RSA key, take its chain lock."""
    from plugins.invoicing import signing
    from plugins.invoicing.services import finalize

    seen, lock, generate = [], finalize.lock_chain, signing.rsa.generate_private_key
    monkeypatch.setattr(finalize, "lock_chain", lambda c: seen.append("lock") or lock(c))
    monkeypatch.setattr(
        signing.rsa, "generate_private_key", lambda **kw: seen.append("key") or generate(**kw)
    )
    return seen


def test_finalize_numbers_hashes_signs_and_chains(api, customer, monkeypatch):
    seen = _watch_key_and_lock(monkeypatch)
    first = _finalized(api, customer)
    second = _finalized(api, customer)
    # The first finalize makes the company's key (CPU-heavy) before it takes the chain lock,
    # which other finalizations of the company wait for; the second signs with the same key.
    assert seen == ["key", "lock", "lock"]
    key_ids = {v["signature"]["key_id"] for v in _verdicts(api, first, second)}
    assert len(key_ids) == 1 and None not in key_ids
    assert first["number"] == "INV/2026/00001" and second["number"] == "INV/2026/00002"
    assert first["status"] == "FINALIZED" and len(first["hash"]) == 64
    assert first["prev_hash"] is None and second["prev_hash"] == first["hash"]
    assert first["signature"] and first["xml_hash"]
    assert first["taxes"] == [
        {
            "tax_category": "S",
            "tax_rate": "5.00",
            "taxable_amount": "1599.99",
            "tax_amount": "80.00",
        }
    ]
    verify = api.get(f"/api/v1/invoices/{second['id']}/verify").get_json()
    assert verify["hash"]["ok"] and verify["signature"]["ok"] and verify["chain"]["ok"]
    assert api.get("/api/v1/chain/verify").get_json()["ok"] is True


def _verdicts(api, *invoices):
    return [api.get(f"/api/v1/invoices/{i['id']}/verify").get_json() for i in invoices]


def test_finalized_invoice_cannot_be_edited_or_deleted(api, customer):
    inv = _finalized(api, customer)
    resp = api.patch(f"/api/v1/invoices/{inv['id']}", json={"notes": "changed"})
    assert resp.status_code == 409 and resp.get_json()["error"]["code"] == "invoice_not_draft"
    resp = api.delete(f"/api/v1/invoices/{inv['id']}")
    assert resp.status_code == 409 and resp.get_json()["error"]["code"] == "invoice_not_draft"
    again = api.post(f"/api/v1/invoices/{inv['id']}/finalize")
    assert again.status_code == 409
    assert api.get(f"/api/v1/invoices/{inv['id']}").get_json()["number"] == inv["number"]


def test_draft_can_be_patched_and_deleted(api, customer):
    draft = _draft(api, customer)
    resp = api.patch(
        f"/api/v1/invoices/{draft['id']}",
        json={"lines": [{"description": "Only", "quantity": "2", "unit_price": "10"}]},
    )
    assert resp.status_code == 200 and resp.get_json()["total"] == "21.00"
    assert api.delete(f"/api/v1/invoices/{draft['id']}").status_code == 204
    assert api.get(f"/api/v1/invoices/{draft['id']}").status_code == 404


def test_status_moves_forward_only(api, customer):
    inv = _finalized(api, customer)
    base = f"/api/v1/invoices/{inv['id']}"
    bad = api.post(f"{base}/send")
    assert bad.status_code == 409 and bad.get_json()["error"]["code"] == "invalid_transition"
    assert api.post(f"{base}/approve").get_json()["status"] == "APPROVED"
    again = api.post(f"{base}/approve").get_json()["error"]
    assert again["message"] == "An invoice that is APPROVED cannot become APPROVED."  # as ever
    arabic = api.post(f"{base}/approve", headers={"Accept-Language": "ar"}).get_json()["error"]
    assert arabic["message"] == "لا يمكن لفاتورة حالتها معتمدة أن تصبح معتمدة."  # no codes
    assert arabic["details"]["status"] == "APPROVED"  # the code stays in the details
    assert api.post(f"{base}/send").get_json()["status"] == "SENT"
    assert api.post(f"{base}/void").get_json()["status"] == "VOID"
    assert api.post(f"{base}/approve").status_code == 409


def test_credit_note_references_invoice_and_reduces_amount_due(api, customer):
    inv = _finalized(api, customer)
    resp = api.post(
        f"/api/v1/invoices/{inv['id']}/credit-notes",
        json={
            "lines": [{"description": "Refund licence", "quantity": "1", "unit_price": "99.99"}],
            "credit_reason": "DL8.61.1.A",
        },
    )
    assert resp.status_code == 201, resp.get_json()
    note = resp.get_json()
    assert note["type"] == "credit_note" and note["credit_note_of"] == inv["id"]
    done = api.post(f"/api/v1/invoices/{note['id']}/finalize").get_json()
    assert done["number"] == "CN/2026/00001" and done["total"] == "104.99"
    assert done["prev_hash"] == inv["hash"]  # one chain across invoices and credit notes
    original = api.get(f"/api/v1/invoices/{inv['id']}").get_json()
    assert original["amount_due"] == "1575.00" and original["payment_status"] == "partial"
    assert original["total"] == "1679.99"
    xml = api.get(f"/api/v1/invoices/{note['id']}/ubl?profile=peppol")
    assert (
        xml.status_code == 200 and b"CreditNote" in xml.data and inv["number"].encode() in xml.data
    )


def test_credit_note_without_a_reason_is_refused_like_the_page_does(api, customer):
    """UAE VAT law Art. 61 / PINT-AE ibr-158-ae: the API asks for the reason as the page does,
    at creation, instead of making a draft that finalize and the PINT-AE export refuse."""
    inv = _finalized(api, customer)
    path = f"/api/v1/invoices/{inv['id']}/credit-notes"
    for body in (None, {}, {"credit_reason": None}, {"credit_reason": ""}):
        resp = api._call("POST", path, json=body)  # None: no body at all
        assert resp.status_code == 422, (body, resp.get_json())
        error = resp.get_json()["error"]
        assert error["code"] == "validation_failed", body
        assert error["details"]["fields"] == {"credit_reason": "is required"}, body
    arabic = api.post(path, json={}, headers={"Accept-Language": "ar"}).get_json()["error"]
    assert arabic["message"].startswith("اختر سبب الإشعار الدائن")
    notes = api.get("/api/v1/invoices?type=credit_note").get_json()
    assert notes["pagination"]["total"] == 0
    note = api.post(path, json={"credit_reason": "DL8.61.1.A"}).get_json()
    for cleared in ({"credit_reason": None}, {"credit_reason": ""}):
        resp = api.patch(f"/api/v1/invoices/{note['id']}", json=cleared)
        assert resp.status_code == 422, (cleared, resp.get_json())
        assert resp.get_json()["error"]["details"]["fields"] == {"credit_reason": "is required"}
    changed = api.patch(f"/api/v1/invoices/{note['id']}", json={"credit_reason": "VD"})
    assert changed.status_code == 200 and changed.get_json()["credit_reason"] == "VD"


def test_credit_note_larger_than_amount_due_is_refused(api, customer):
    inv = _finalized(api, customer)
    lines = [{"description": "Too much", "quantity": "1", "unit_price": "5000"}]
    note = api.post(
        f"/api/v1/invoices/{inv['id']}/credit-notes",
        json={"lines": lines, "credit_reason": "DL8.61.1.A"},
    ).get_json()
    resp = api.post(f"/api/v1/invoices/{note['id']}/finalize")
    assert resp.status_code == 422
    assert resp.get_json()["error"]["code"] == "credit_exceeds_amount_due"


def test_duplicate_makes_a_new_draft(api, customer):
    inv = _finalized(api, customer)
    resp = api.post(f"/api/v1/invoices/{inv['id']}/duplicate")
    copy = resp.get_json()
    assert resp.status_code == 201 and copy["status"] == "DRAFT" and copy["number"] is None
    assert copy["id"] != inv["id"] and copy["total"] == inv["total"]
    assert [ln["description"] for ln in copy["lines"]] == ["Consulting", "Licence"]


def test_ubl_in_both_profiles(api, customer):
    inv = _finalized(api, customer)
    for profile, marker in (("peppol", b"poacc:billing:3.0"), ("pint-ae", b"pint:billing-1@ae-1")):
        resp = api.get(f"/api/v1/invoices/{inv['id']}/ubl?profile={profile}")
        assert resp.status_code == 200 and resp.mimetype == "application/xml"
        assert marker in resp.data and inv["number"].encode() in resp.data
    bad = api.get(f"/api/v1/invoices/{inv['id']}/ubl?profile=nope")
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "unknown_profile"


def test_bad_input_gets_field_errors_not_500(api, customer):
    body = draft_payload(
        customer.id,
        currency="XYZ",
        lines=[
            {"description": "", "quantity": "abc", "unit_price": "1"},
            {"description": "Exempt", "quantity": 1, "unit_price": "1", "tax_category": "E"},
        ],
    )
    resp = api.post("/api/v1/invoices", json=body)
    assert resp.status_code == 422
    fields = resp.get_json()["error"]["details"]["fields"]
    assert "currency" in fields and "lines[0].description" in fields
    assert "lines[0].quantity" in fields and "lines[1].exemption_reason" in fields
    resp = api.post("/api/v1/invoices", json=draft_payload(999999))
    assert resp.status_code == 422


def test_list_filters_and_search(api, customer):
    a = _finalized(api, customer)
    _draft(api, customer, issue_date="2026-05-01")
    other = api.post("/api/v1/customers", json={"name": "Zeta Foods", "country": "AE"}).get_json()
    _draft(api, customer, customer_id=other["id"])
    listing = api.get("/api/v1/invoices?status=FINALIZED").get_json()
    assert [i["id"] for i in listing["data"]] == [a["id"]]
    assert api.get("/api/v1/invoices?q=zeta").get_json()["pagination"]["total"] == 1
    assert api.get(f"/api/v1/invoices?q={a['number']}").get_json()["data"][0]["id"] == a["id"]
    dated = api.get("/api/v1/invoices?date_from=2026-04-01&date_to=2026-06-01").get_json()
    assert dated["pagination"]["total"] == 1
    page = api.get("/api/v1/invoices?limit=2").get_json()
    assert len(page["data"]) == 2 and page["pagination"]["next_offset"] == 2
    bad = api.get("/api/v1/invoices?status=PAID")
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "invalid_parameter"


def test_other_company_cannot_see_or_touch_invoices(
    api, customer, make_company, make_user, api_token, client
):
    from plugins.invoicing.tests.helpers import Api

    inv = _finalized(api, customer)
    other = make_company(name="Other LLC", trn="100111222300003")
    intruder = Api(client, api_token(make_user(email="x@other.ae", company=other)))
    assert intruder.get(f"/api/v1/invoices/{inv['id']}").status_code == 404
    assert intruder.post(f"/api/v1/invoices/{inv['id']}/void").status_code == 404
    assert intruder.get("/api/v1/invoices").get_json()["pagination"]["total"] == 0


def test_finance_user_cannot_void(api, customer, make_user, api_token, client, company):
    from plugins.invoicing.tests.helpers import Api

    inv = _finalized(api, customer)
    finance = Api(
        client, api_token(make_user(email="f@acme.ae", company=company, role="FINANCE_USER"))
    )
    resp = finance.post(f"/api/v1/invoices/{inv['id']}/void")
    assert resp.status_code == 403 and resp.get_json()["error"]["code"] == "forbidden"
