"""The invoices a UAE and a Belgian accountant issue, each with its credit note, made through the
API, finalized, fetched as UBL and judged by the official validator (../shared/einvoice) and by
the e-invoice plugin's own run-time validator (what finalize, import and transmit rely on).

One test per seller shares its company, customers and records: every shape is created, sealed
and credited, and every failing (shape, document, profile) is collected into one matrix, so a
failure names all the cells that broke at once. A UAE seller's documents must pass Peppol BIS 3.0
and PINT-AE; a Belgian seller's Peppol BIS 3.0 (PINT-AE is the UAE's).
"""

from __future__ import annotations

import re

from plugins.einvoice.public import validate as plugin_rules
from tests.support.einvoice import explain, validate

LONG = "Consulting services for the quarterly VAT return and audit file preparation " * 6
SPECIAL = "Tom & Jerry <Trading> \"Quotes\" 'Apostrophes' ]]> &amp; end"
ARABIC = "شركة الخليج للتجارة العامة ذ.م.م"


def _line(description, quantity, price, **extra):
    return {"description": description, "quantity": quantity, "unit_price": price, **extra}


def _exempt(description, quantity, price):
    reason = {"exemption_reason": "Financial services"}
    return _line(description, quantity, price, tax_category="E", tax_rate="0", **reason)


def _half_cents():
    # Each line lands on half a fils/cent before rounding (x.xx5): many roundings in one total.
    # Only halves the UAE rule's binary floating point rounds up too (1 x 1.005 it rounds down;
    # such a line is refused before sealing: test_half_cent_lines.py).
    prices = ("0.005", "0.335", "10.255", "7.285", "3.015", "1.435", "8.345", "12.345")
    return [_line(f"Rounding line {n}", str(1 + n % 2 * 2), p) for n, p in enumerate(prices * 4)]


UAE_SHAPES = {
    "standard 5 %, 3-4 decimal quantities": [
        _line("Cable, metres", "12.125", "3.40", unit_code="MTR"),
        _line("Fuel, litres", "105.3333", "2.87", unit_code="LTR"),
        _line("Steel, tonnes", "0.750", "2150.00", unit_code="TNE"),
    ],
    "half-cent roundings, 32 lines": _half_cents(),
    "mixed S, Z and E": [
        _line("Consulting", "10", "150.00"),
        _line("Export freight", "2", "500.00", tax_category="Z", tax_rate="0"),
        _exempt("Loan arrangement fee", "1", "1200.00"),
    ],
    "reverse charge with a standard line": [
        _line(
            "Gold bars",
            "3",
            "2500.00",
            unit_code="H87",
            tax_category="AE",
            tax_rate="0",
            exemption_reason="Reverse charge",
            gtin="5790000435968",
            goods_type="DL8.48.3.1",
        ),
        _line("Delivery", "1", "80.00"),
    ],
    "out of scope only": [
        _line(
            "Disbursement",
            "1",
            "500.00",
            tax_category="O",
            tax_rate="0",
            exemption_reason="Outside the scope of UAE VAT",
        )
    ],
    "exempt only": [_exempt("Residential lease, March", "1", "7500.00")],
    "line discounts": [
        _line("Laptops", "4", "3199.99", unit_code="H87", allowance="640.01"),
        _line("Bags", "3", "7.50", tax_category="Z", tax_rate="0", allowance="2.25"),
    ],
    "a returned item (negative quantity) and a free sample": [
        _line("Printer", "5", "420.00", unit_code="H87"),
        _line("Printer returned", "-1", "420.00", unit_code="H87"),
        _line("Free toner sample", "1", "0"),
    ],
    "sub-fils prices (4 and 6 decimals)": [
        _line("Screws", "1000", "0.0125"),
        _line("Energy", "1234.567", "0.123456", unit_code="KWH"),
    ],
    "long, Arabic and XML-special text": [
        _line(LONG[:500], "1", "99.99"),
        _line(SPECIAL, "2", "10.00"),
        _line(ARABIC + " — خدمات", "1", "1.00"),
    ],
}
UAE_FOREIGN = {
    "USD with AED tax total": (
        {"currency": "USD", "exchange_rate": "3.6725"},
        [_line("Design work", "12.5", "95.55", unit_code="HUR"), _line("Hosting", "1", "0.99")],
    ),
    "EUR zero-rated export to Belgium": (
        {"currency": "EUR", "exchange_rate": "3.971234"},
        [_line("Dates, boxes", "12", "845.10", tax_category="Z", tax_rate="0")],
    ),
}
BE_SHAPES = {
    "21 %, 12 % and 6 % in one invoice": [
        _line("Consultance", "7.5", "95.00", unit_code="HUR", tax_rate="21"),
        _line("Repas d'affaires", "3", "27.35", tax_rate="12"),
        _line("Livres", "4", "19.99", tax_rate="6"),
    ],
    "half-cent roundings at 21 %": [dict(ln, tax_rate="21") for ln in _half_cents()],
    "21 % with zero-rated and exempt lines": [
        _line("Logiciel", "1", "1200.00", tax_rate="21"),
        _line("Transport international", "1", "300.00", tax_category="Z", tax_rate="0"),
        _exempt("Formation agréée", "2", "450.00"),
    ],
    "reverse charge (co-contractant)": [
        _line(
            "Travaux immobiliers",
            "1",
            "12000.00",
            tax_category="AE",
            tax_rate="0",
            exemption_reason="Autoliquidation, art. 20 AR no 1",
        )
    ],
    "discounts, 3-4 decimal quantities": [
        _line("Câble, mètres", "12.125", "3.40", unit_code="MTR", tax_rate="21", allowance="1.23"),
        _line("Mazout, litres", "105.3333", "1.0245", unit_code="LTR", tax_rate="21"),
    ],
    "long and XML-special text, a returned item": [
        _line(SPECIAL, "1", "10.00", tax_rate="21"),
        _line(LONG[:500], "2", "150.00", tax_rate="21"),
        _line("Retour", "-1", "150.00", tax_rate="21"),
    ],
}

UAE_BUYER = {
    "name": ARABIC,
    "trn": "100987654300003",
    "peppol_id": "0235:1009876543",
    "address_line1": "2 Corniche & <Marina>",
    "city": "Abu Dhabi",
    "emirate": "AE-AZ",
    "country": "AE",
    # PINT-AE wants it on exempt-only / out-of-scope documents and credit notes (ibr-136-ae).
    "legal_id": "TL-778899",
    "legal_id_type": "TL",
    "legal_id_authority": "Abu Dhabi Department of Economic Development",
}
BE_BUYER = {
    "name": "Brussels Imports NV",
    "vat_ids": ["BE0403019261"],
    "peppol_id": "0208:0403019261",
    "address_line1": "Rue de la Loi 16",
    "city": "Bruxelles",
    "postal_code": "1000",
    "subdivision": "BE-BRU",
    "country": "BE",
}
BE_SELLER = {
    "name": 'Dupont & Fils SRL "Les Ateliers"',
    "country": "BE",
    "trn": "BE0477472701",
    "peppol_id": "0208:0477472701",
    "address_line1": "Avenue Louise 54",
    "city": "Bruxelles",
    "postal_code": "1050",
    "subdivision": "BE-BRU",
    "legal_id": None,
    "legal_id_type": None,
    "legal_id_authority": None,
    "iban": "BE71096123456769",
}


def _customer(api, body) -> int:
    response = api.post("/api/v1/customers", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def _finalized(api, path, body=None):
    """(id, None) for a finalized document; (None, the API's refusal) otherwise."""
    created = api.post(path, json=body)
    if created.status_code != 201:
        return None, created.get_json()
    done = api.post(f"/api/v1/invoices/{created.get_json()['id']}/finalize")
    return (done.get_json()["id"], None) if done.status_code == 200 else (None, done.get_json())


def _judge(api, matrix, cell, invoice_id, profiles):
    matrix.setdefault("judged", 0)
    for profile in profiles:
        matrix["judged"] += 1
        response = api.get(f"/api/v1/invoices/{invoice_id}/ubl?profile={profile}")
        if response.status_code != 200:
            matrix[(*cell, profile)] = response.get_json()
            continue
        report = validate(response.data, profile)  # the official validator
        if report["fatal_rules"]:
            matrix[(*cell, profile)] = explain(report)
        runtime = plugin_rules(response.data, profile)  # what the product checks at run time
        if not runtime.valid:
            matrix[(*cell, profile, "run-time")] = runtime.rule_ids


def _run(api, shapes, profiles) -> dict:
    """Invoice and credit note of every shape: {(shape, kind, profile): what failed} and the
    number of documents judged (``"judged"``), so a shape that silently checks nothing fails."""
    matrix = {}
    for name, (customer_id, header, lines) in shapes.items():
        body = {"customer_id": customer_id, "issue_date": "2026-03-01", "lines": lines}
        body.update(buyer_reference="PO-77", notes=SPECIAL, **header)
        invoice_id, refused = _finalized(api, "/api/v1/invoices", body)
        if refused:
            matrix[(name, "invoice", "finalize")] = refused
            continue
        _judge(api, matrix, (name, "invoice"), invoice_id, profiles)
        path = f"/api/v1/invoices/{invoice_id}/credit-notes"
        note_id, refused = _finalized(api, path, {"credit_reason": "DL8.61.1.B"})
        if refused:
            matrix[(name, "credit note", "finalize")] = refused
            continue
        _judge(api, matrix, (name, "credit note"), note_id, profiles)
    return matrix


def test_uae_seller_documents_pass_bis_and_pint_ae(api):
    local, foreign = _customer(api, UAE_BUYER), _customer(api, BE_BUYER)
    shapes = {name: (local, {}, lines) for name, lines in UAE_SHAPES.items()}
    shapes.update({name: (foreign, h, lines) for name, (h, lines) in UAE_FOREIGN.items()})
    assert _run(api, shapes, ("peppol", "pint-ae")) == {"judged": len(shapes) * 2 * 2}


def test_belgian_seller_documents_pass_bis(api):
    response = api.patch("/api/v1/company", json=BE_SELLER)
    assert response.status_code == 200, response.get_json()
    customer = _customer(api, BE_BUYER)
    header = {"currency": "EUR"}
    shapes = {name: (customer, header, lines) for name, lines in BE_SHAPES.items()}
    assert _run(api, shapes, ("peppol",)) == {"judged": len(shapes) * 2}


def test_belgian_seller_states_its_own_vat_number_and_no_aed(api):
    """The validator accepts any ISO prefix (BR-CO-09), so a Belgian VAT number written as
    AEBE0477472701, or an AED tax total on a Belgian EUR invoice, would pass it unnoticed."""
    api.patch("/api/v1/company", json={**BE_SELLER, "trn": "0477.472.701"})
    body = {"customer_id": _customer(api, BE_BUYER)}
    body.update(lines=BE_SHAPES["21 %, 12 % and 6 % in one invoice"], currency="EUR")
    invoice_id, refused = _finalized(api, "/api/v1/invoices", {**body, "buyer_reference": "R"})
    assert refused is None
    xml = api.get(f"/api/v1/invoices/{invoice_id}/ubl?profile=peppol").data.decode()
    ids = re.findall(r"<cac:PartyTaxScheme><cbc:CompanyID>([^<]+)<", xml)
    assert ids == ["BE0477472701", "BE0403019261"]
    assert "AED" not in xml and xml.count("<cac:TaxTotal>") == 1


def test_a_customer_without_peppol_id_is_named_in_the_refusal(api):
    """Peppol BIS's endpoint rules cite no business term; the refusal still names the field."""
    api.patch("/api/v1/company", json=BE_SELLER)
    customer = _customer(api, {**BE_BUYER, "peppol_id": None})
    body = {"customer_id": customer, "buyer_reference": "R", "currency": "EUR"}
    _, refused = _finalized(
        api, "/api/v1/invoices", {**body, "lines": BE_SHAPES["discounts, 3-4 decimal quantities"]}
    )
    [blocker] = refused["error"]["details"]["blockers"]
    assert (blocker["rule"], blocker["field"]) == ("PEPPOL-EN16931-R010", "buyer.endpoint")
    assert "customer's Peppol ID" in blocker["hint"]
