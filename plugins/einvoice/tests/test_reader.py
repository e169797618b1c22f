"""read() takes every official example in without losing an amount."""

from decimal import Decimal

import pytest
from lxml import etree

from plugins.einvoice.namespaces import NS
from plugins.einvoice.public import NotUBLError, read
from plugins.einvoice.tests.official import EXAMPLES

TOTALS = {
    "LineExtensionAmount": "line_total",
    "AllowanceTotalAmount": "allowance_total",
    "ChargeTotalAmount": "charge_total",
    "TaxExclusiveAmount": "tax_exclusive",
    "TaxInclusiveAmount": "tax_inclusive",
    "PrepaidAmount": "prepaid",
    "PayableRoundingAmount": "rounding",
    "PayableAmount": "payable",
}


def _xml_amount(root, path):
    found = root.find(path, NS)
    return Decimal(found.text.strip()) if found is not None else Decimal(0)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_official_example_reads_with_every_total_exact(path):
    xml = path.read_bytes()
    doc = read(xml)
    root = etree.fromstring(xml)
    for element, attribute in TOTALS.items():
        assert getattr(doc, attribute) == _xml_amount(
            root, f"cac:LegalMonetaryTotal/cbc:{element}"
        ), element
    assert doc.tax_total == _xml_amount(root, "cac:TaxTotal/cbc:TaxAmount")
    assert doc.number == root.findtext("cbc:ID", namespaces=NS).strip()
    assert doc.currency == root.findtext("cbc:DocumentCurrencyCode", namespaces=NS).strip()
    assert doc.seller.name and doc.buyer.name
    assert doc.issue_date is not None


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_official_example_reads_every_line_and_vat_row_exactly(path):
    xml = path.read_bytes()
    doc = read(xml)
    root = etree.fromstring(xml)
    tag = "cac:CreditNoteLine" if doc.kind == "credit_note" else "cac:InvoiceLine"
    lines = root.findall(tag, NS)
    assert [line.line_id for line in doc.lines] == [
        n.findtext("cbc:ID", namespaces=NS) for n in lines
    ]
    for line, node in zip(doc.lines, lines, strict=True):
        assert line.net_amount == _xml_amount(node, "cbc:LineExtensionAmount")
        assert line.unit_price == _xml_amount(node, "cac:Price/cbc:PriceAmount")
        quantity = "cbc:CreditedQuantity" if doc.kind == "credit_note" else "cbc:InvoicedQuantity"
        assert line.quantity == _xml_amount(node, quantity)
    subtotals = root.findall("cac:TaxTotal/cac:TaxSubtotal", NS)
    assert sum(s.taxable_amount for s in doc.tax_subtotals) == sum(
        (_xml_amount(s, "cbc:TaxableAmount") for s in subtotals), Decimal(0)
    )
    assert sum(s.tax_amount for s in doc.tax_subtotals) == sum(
        (_xml_amount(s, "cbc:TaxAmount") for s in subtotals), Decimal(0)
    )


def test_a_bis_invoice_reads_into_the_neutral_model():
    doc = read(next(p for p in EXAMPLES if p.name == "base-example.xml").read_bytes())
    assert (doc.kind, doc.type_code, doc.profile, doc.currency) == (
        "invoice",
        "380",
        "peppol",
        "EUR",
    )
    assert doc.seller.endpoint_scheme and doc.seller.endpoint_id
    assert doc.seller.vat_id and doc.seller.country
    assert doc.lines[0].quantity > 0 and doc.lines[0].tax_category == "S"
    assert isinstance(doc.payable, Decimal) and len(doc.sha256) == 64


def test_a_pint_ae_credit_note_reads_with_its_trn_and_emirate():
    path = next(p for p in EXAMPLES if "credit-note" in p.name)
    doc = read(path.read_bytes())
    assert (doc.kind, doc.type_code, doc.profile) == ("credit_note", "381", "pint-ae")
    assert doc.seller.vat_id == "198765432102003"
    assert (doc.seller.subdivision, doc.buyer.subdivision) == ("SHJ", "AUH")
    assert doc.preceding_invoice == "Sample-02"
    assert [(a.charge, a.amount) for a in doc.allowance_charges] == [
        (False, Decimal("262.15")),
        (True, Decimal("419.44")),
    ]


def test_text_reads_like_its_utf8_bytes():
    path = next(p for p in EXAMPLES if p.name == "base-example.xml")
    assert read(path.read_text(encoding="utf-8")) == read(path.read_bytes())


def test_reading_refuses_what_is_not_ubl():
    with pytest.raises(NotUBLError):
        read(b"<html><body>invoice</body></html>")
