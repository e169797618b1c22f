"""Nothing sealed that cannot be issued: the issue's cases, tried through the API as a UAE
company whose profile and customer are complete."""

import pytest
from lxml import etree

from plugins.einvoice.public import NS, validate
from plugins.invoicing.tests.helpers import draft_payload
from tests.support.einvoice import fatal_rules

LEASE = {
    "description": "Residential lease, March",
    "quantity": "1",
    "unit_price": "7500.00",
    "tax_category": "E",
    "tax_rate": "0",
    "exemption_reason": "Residential building lease",
}


@pytest.fixture
def signed_in_page(login):
    client = login()
    return lambda path: client.get(path).get_data(as_text=True)


def _draft(api, customer, lines):
    resp = api.post("/api/v1/invoices", json=draft_payload(customer.id, lines=lines))
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def _finalize(api, draft):
    return api.post(f"/api/v1/invoices/{draft['id']}/finalize")


def test_an_invoice_of_only_exempt_lines_is_sealed_as_out_of_scope_480(api, customer):
    draft = _draft(api, customer, [LEASE])
    refused = _finalize(api, draft)  # a 480 document must name the buyer's registration
    assert refused.status_code == 422
    assert "ibr-136-ae (buyer.legal_id)" in refused.get_json()["error"]["message"]
    fix = {"legal_id": "784-1987-1234567-1", "legal_id_type": "EID"}
    assert api.patch(f"/api/v1/customers/{customer.id}", json=fix).status_code == 200
    resp = _finalize(api, draft)
    assert resp.status_code == 200, resp.get_json()
    xml = api.get(f"/api/v1/invoices/{resp.get_json()['id']}/ubl?profile=pint-ae")
    assert xml.status_code == 200, xml.get_json()
    assert etree.fromstring(xml.data).findtext("cbc:InvoiceTypeCode", namespaces=NS) == "480"
    assert fatal_rules(xml.data, "pint-ae") == []  # the shared oracle agrees


def test_a_line_the_uae_rule_rounds_differently_is_refused_before_sealing(api, customer):
    line = {"description": "Widgets", "quantity": "17", "unit_price": "4.095"}
    draft = _draft(api, customer, [line])
    resp = _finalize(api, draft)
    assert resp.status_code == 422
    error = resp.get_json()["error"]
    assert error["code"] == "einvoice_rules"
    assert "ibr-147-ae (lines[1].unit_price)" in error["message"]
    assert "binary floating point" in error["message"]
    [blocker] = error["details"]["blockers"]
    assert (blocker["rule"], blocker["field"], blocker["profile"]) == (
        "ibr-147-ae",
        "lines[1].unit_price",
        "pint-ae",
    )
    # Nothing was taken: the draft stays a draft, and the next document gets number 1, link 1.
    assert api.get(f"/api/v1/invoices/{draft['id']}").get_json()["number"] is None
    ok = _finalize(api, _draft(api, customer, [{**line, "unit_price": "4.09"}])).get_json()
    assert ok["number"] == "INV/2026/00001" and ok["prev_hash"] is None


def test_a_negative_total_invoice_is_refused_with_a_clear_message(api, customer):
    draft = _draft(
        api, customer, [{"description": "Return", "quantity": "-3", "unit_price": "100"}]
    )
    resp = _finalize(api, draft)
    assert resp.status_code == 422
    message = resp.get_json()["error"]["message"]
    assert "cannot have a negative total (-315.00 AED)" in message
    assert "credit note" in message
    assert api.get(f"/api/v1/invoices/{draft['id']}").get_json()["status"] == "DRAFT"
    # Nor a credit note: a negative one would add to what the customer owes, unsigned by
    # any invoice (the original's amount due would grow from 105.00 to 420.00).
    line = {"description": "Work", "quantity": "1", "unit_price": "100"}
    original = _finalize(api, _draft(api, customer, [line])).get_json()
    body = {"credit_reason": "DL8.61.1.A", "lines": [{**line, "quantity": "-3"}]}
    note = api.post(f"/api/v1/invoices/{original['id']}/credit-notes", json=body).get_json()
    resp = _finalize(api, note)
    assert resp.status_code == 422, resp.get_json()
    message = resp.get_json()["error"]["message"]
    assert "credit note cannot have a negative total (-315.00 AED)" in message
    assert "issue an invoice" in message
    assert api.get(f"/api/v1/invoices/{note['id']}").get_json()["status"] == "DRAFT"
    assert api.get(f"/api/v1/invoices/{original['id']}").get_json()["amount_due"] == "105.00"
    # A volume discount (VD) covers several invoices, so PINT-AE forbids it to name one
    # (ibr-055-ae): the refusal says to choose another reason, and that reason then passes.
    body = {"credit_reason": "VD", "lines": [line]}
    note = api.post(f"/api/v1/invoices/{original['id']}/credit-notes", json=body).get_json()
    [blocker] = _finalize(api, note).get_json()["error"]["details"]["blockers"]
    assert (blocker["rule"], blocker["field"]) == ("ibr-055-ae", "credit_reason")
    assert "DL8.61.1" in blocker["hint"] and "volume discount" in blocker["hint"]
    api.patch(f"/api/v1/invoices/{note['id']}", json={"credit_reason": "DL8.61.1.B"})
    assert _finalize(api, note).status_code == 200


def test_a_peppol_buyer_abroad_adds_peppol_bis_and_its_rules_show_on_the_draft(
    api, customer, signed_in_page
):
    from core.api import db
    from plugins.invoicing.services import customers

    abroad = customers.create(
        customer.company_id,
        {
            "name": "Brussels Buyer SA",
            "vat_ids": ["BE0477472701"],
            "peppol_id": "9925:BE0477472701",
            "address_line1": "Rue de la Loi 1",
            "city": "Brussels",
            "postal_code": "1000",
            "country": "BE",
            "subdivision": "BE-BRU",
        },
    )
    db.session.commit()
    payload = draft_payload(abroad.id, buyer_reference=None)
    draft = api.post("/api/v1/invoices", json=payload).get_json()
    page = signed_in_page(f"/invoicing/invoices/{draft['id']}")
    assert 'data-einvoice-profiles="pint-ae peppol"' in page
    assert 'data-rule="PEPPOL-EN16931-R003" data-field="buyer_reference"' in page
    resp = _finalize(api, draft)
    assert resp.status_code == 422
    assert "PEPPOL-EN16931-R003 (buyer_reference)" in resp.get_json()["error"]["message"]


def test_a_complete_draft_page_says_it_is_ready(api, customer, signed_in_page):
    draft = _draft(
        api, customer, [LEASE, {"description": "Parking", "quantity": "1", "unit_price": "500"}]
    )
    page = signed_in_page(f"/invoicing/invoices/{draft['id']}")
    assert 'data-einvoice-verdict="ready"' in page
    sealed = _finalize(api, draft).get_json()
    xml = api.get(f"/api/v1/invoices/{sealed['id']}/ubl?profile=pint-ae").data
    assert validate(xml, "pint-ae").valid


def test_forms_mark_the_fields_peppol_and_pint_ae_need(admin, customer, signed_in_page):
    customer_form = signed_in_page("/invoicing/customers/new")
    assert "Peppol BIS: required (R010)" in customer_form
    assert "PINT-AE: street, city and emirate/region (ibr-144-ae)" in customer_form
    invoice_form = signed_in_page("/invoicing/invoices/new")
    assert "Peppol BIS: this or the order reference (R003)" in invoice_form


def test_the_default_export_is_the_signed_xml_of_the_required_profile(api, customer):
    from plugins.invoicing import einvoice_xml

    sealed = _finalize(
        api, _draft(api, customer, [{**LEASE, "tax_category": "S", "tax_rate": "5"}])
    )
    sealed = sealed.get_json()
    body = api.get(f"/api/v1/invoices/{sealed['id']}/ubl")
    assert body.status_code == 200
    assert b"urn:peppol:pint:billing-1@ae-1" in body.data  # a UAE company: PINT-AE
    assert einvoice_xml.sha256(body.data) == sealed["xml_hash"]


def test_a_zero_total_invoice_follows_the_rules_and_is_sealed(api, customer):
    free = {"description": "Warranty replacement", "quantity": "1", "unit_price": "0"}
    sealed = _finalize(api, _draft(api, customer, [free]))
    assert sealed.status_code == 200, sealed.get_json()
    assert sealed.get_json()["total"] == "0.00"
    xml = api.get(f"/api/v1/invoices/{sealed.get_json()['id']}/ubl?profile=pint-ae").data
    assert fatal_rules(xml, "pint-ae") == []


@pytest.mark.parametrize(("notes", "checked_as"), [(None, []), ("INV/2026/00001", ["00001"])])
def test_a_number_taken_meanwhile_is_sealed_and_checked(
    api, customer, monkeypatch, notes, checked_as
):
    """Finalize runs the official rules before the chain lock, under the number the series
    would give next; another finalization took it meanwhile here. The sealed XML carries the
    real number and is the export's; the rules run again when more than the number's own
    texts differ (a note repeating the number)."""
    from plugins.invoicing import einvoice_xml
    from plugins.invoicing.services import einvoice_gate, finalize_prepare

    monkeypatch.setattr(finalize_prepare, "upcoming_number", lambda *a, **k: "INV/2026/00007")
    checked, check = [], einvoice_gate.sealed_xml
    monkeypatch.setattr(
        einvoice_gate, "sealed_xml", lambda *a: checked.append(a[1].number[-5:]) or check(*a)
    )
    lines = [{**LEASE, "tax_category": "S", "tax_rate": "5"}]
    body = draft_payload(customer.id, lines=lines, notes=notes)
    sealed = _finalize(api, api.post("/api/v1/invoices", json=body).get_json()).get_json()
    assert sealed["number"] == "INV/2026/00001"
    assert checked == ["00007", *checked_as]
    xml = api.get(f"/api/v1/invoices/{sealed['id']}/ubl").data
    assert einvoice_xml.sha256(xml) == sealed["xml_hash"]
    assert b"<cbc:ID>INV/2026/00001</cbc:ID>" in xml and b"00007" not in xml
    assert validate(xml, "pint-ae").valid


def test_a_company_without_street_and_city_cannot_seal(api, company, customer):
    """PINT-AE ibr-143-ae: the seller's address needs its street, city and emirate; finalize
    names the company address to complete and takes no number."""
    from core.api import db

    company.address_line1, company.city = None, None
    db.session.commit()
    refused = _finalize(api, _draft(api, customer, draft_payload(customer.id)["lines"]))
    assert refused.status_code == 422
    error = refused.get_json()["error"]
    assert error["code"] == "einvoice_rules"
    assert {(b["rule"], b["field"]) for b in error["details"]["blockers"]} >= {
        ("ibr-143-ae", "seller.address")
    }
    assert api.get("/api/v1/invoices").get_json()["data"][0]["number"] is None


def test_a_foreign_currency_invoice_without_its_rate_to_aed_is_not_sealed(api, customer):
    """The rate defaults to 1 on a draft; sealed so, a USD invoice's AED VAT total (what the
    UAE return reports) would equal its USD VAT. Finalize asks for the rate and takes no number."""
    payload = draft_payload(customer.id, currency="USD")
    draft = api.post("/api/v1/invoices", json=payload).get_json()
    refused = _finalize(api, draft)
    assert refused.status_code == 422, refused.get_json()
    error = refused.get_json()["error"]
    assert error["code"] == "validation_failed" and "exchange_rate" in error["details"]["fields"]
    assert api.get(f"/api/v1/invoices/{draft['id']}").get_json()["number"] is None
    api.patch(f"/api/v1/invoices/{draft['id']}", json={"exchange_rate": "3.6725"})
    assert _finalize(api, draft).status_code == 200
