"""The validator is not trivially passing, and the writers refuse what a profile cannot carry."""

from dataclasses import replace

import pytest
from lxml import etree

from plugins.einvoice.tests.shapes import (
    credit_note,
    exempt_only,
    exempt_only_credit_note,
    invoice,
    line,
    reverse_charge,
    standard,
)
from plugins.einvoice.ubl import BUILTIN_PROFILES, ProfileError
from plugins.einvoice.ubl.elements import NS
from tests.support.einvoice import fatal_rules

PEPPOL = BUILTIN_PROFILES["peppol"].build
PINT_AE = BUILTIN_PROFILES["pint-ae"].build


def tamper(xml: bytes, path: str, new_text: str) -> bytes:
    """Change the first element at ``path`` (e.g. "//cbc:PayableAmount") to ``new_text``."""
    root = etree.fromstring(xml)
    root.xpath(path, namespaces=NS)[0].text = new_text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize(("profile", "rule"), [("peppol", "BR-CO-16"), ("pint-ae", "ibr-co-16")])
def test_wrong_amount_due_is_caught(profile, rule):
    xml = BUILTIN_PROFILES[profile].build(standard())
    assert fatal_rules(xml, profile) == []
    assert rule in fatal_rules(tamper(xml, "//cbc:PayableAmount", "9999.99"), profile)


@pytest.mark.parametrize(
    ("profile", "rules"),
    [("peppol", {"BR-CO-14", "BR-CO-15"}), ("pint-ae", {"ibr-co-14", "ibr-co-15"})],
)
def test_wrong_vat_total_is_caught(profile, rules):
    xml = tamper(BUILTIN_PROFILES[profile].build(standard()), "//cbc:TaxAmount", "1.00")
    assert rules <= set(fatal_rules(xml, profile))


def test_wrong_line_net_is_caught_by_the_uae_line_rule():
    xml = tamper(PINT_AE(standard()), "//cac:InvoiceLine/cbc:LineExtensionAmount", "1.02")
    assert {"ibr-147-ae", "ibr-co-10"} <= set(fatal_rules(xml, "pint-ae"))


def test_one_xml_cannot_be_both_profiles():
    assert "aligned-ibrp-001-ae" in fatal_rules(PEPPOL(standard()), "pint-ae")
    assert "BR-CO-09" in fatal_rules(PINT_AE(standard()), "peppol")  # bare TRN, no AE prefix


def test_vat_ids_per_profile():
    peppol = etree.fromstring(PEPPOL(standard()))
    pint = etree.fromstring(PINT_AE(standard()))
    path = "//cac:AccountingSupplierParty//cac:PartyTaxScheme/cbc:CompanyID/text()"
    assert peppol.xpath(path, namespaces=NS) == ["AE100123456700003"]
    assert pint.xpath(path, namespaces=NS) == ["100123456700003"]


def test_credit_note_root_type_code_and_preceding_invoice():
    root = etree.fromstring(PEPPOL(credit_note()))
    assert etree.QName(root).localname == "CreditNote"
    assert root.findtext("cbc:CreditNoteTypeCode", namespaces=NS) == "381"
    ref = "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"
    assert root.findtext(ref, namespaces=NS) == "INV-2025-0001"


def test_same_document_gives_same_bytes():
    # The XML is hashed and signed: building it twice must not change a byte (UUID included).
    assert PINT_AE(standard()) == PINT_AE(standard())
    assert PEPPOL(standard()) == PEPPOL(standard())


def test_amounts_carry_two_decimals_and_currency():
    root = etree.fromstring(PEPPOL(standard()))
    payable = root.find("cac:LegalMonetaryTotal/cbc:PayableAmount", namespaces=NS)
    # 1.01 + 2999.98 + 10.05 = 3011.04; VAT 150.552 -> 150.55
    assert payable.text == "3161.59"
    assert payable.get("currencyID") == "AED"


def test_half_cent_product_is_fine_for_peppol_but_refused_for_pint_ae_with_reason():
    # 3 x 2.025 = 6.075 -> 6.08 half-up; ibr-147-ae computes 6.074999... in xs:double.
    doc = invoice([line(1, "3", "2.025"), line(2, "1", "10")])
    assert fatal_rules(PEPPOL(doc), "peppol") == []
    with pytest.raises(ProfileError, match=r"line 1: 3 x 2.025 lands on exactly half a cent"):
        PINT_AE(doc)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (invoice([line(1, "1", "100", rate="10")]), "line 1: the UAE standard rate is 5 %"),
        (
            replace(reverse_charge(), lines=(line(1, "1", "10", cat="AE", rate="0", gtin=None),)),
            "line 1: reverse charge needs the GTIN and goods type",
        ),
        (replace(credit_note(), credit_reason=None), "needs a reason code"),
        (invoice([line(1, "1", "1")], due_date=None), "needs a due date"),
        (
            invoice([line(1, "1", "1")], currency="USD"),
            "needs an exchange rate to AED",
        ),
    ],
)
def test_pint_ae_refuses_what_the_uae_rules_would_reject(document, message):
    with pytest.raises(ProfileError, match=message):
        PINT_AE(document)


@pytest.mark.parametrize("build", [PEPPOL, PINT_AE])
def test_both_profiles_need_a_reference_and_a_credit_note_its_invoice(build):
    with pytest.raises(ProfileError, match="buyer reference or an order reference"):
        build(invoice([line(1, "1", "1")], buyer_reference=None))
    with pytest.raises(ProfileError, match="must name the invoice it corrects"):
        build(replace(credit_note(), preceding_invoice=None))
    with pytest.raises(ProfileError, match="line 1: category E needs a reason"):
        build(invoice([line(1, "1", "1", cat="E", rate="0", exemption_reason=None)]))


@pytest.mark.parametrize(
    ("shape", "code"), [(exempt_only, "480"), (exempt_only_credit_note, "81")], ids=["inv", "cn"]
)
def test_only_exempt_lines_make_an_out_of_scope_document_under_pint_ae(shape, code):
    xml = PINT_AE(shape())
    tag = "CreditNoteTypeCode" if code == "81" else "InvoiceTypeCode"
    assert etree.fromstring(xml).findtext(f"cbc:{tag}", namespaces=NS) == code
    assert fatal_rules(xml, "pint-ae") == []
    peppol = etree.fromstring(PEPPOL(shape())).findtext(f"cbc:{tag}", namespaces=NS)
    assert peppol in ("380", "381")  # Peppol BIS knows no out-of-scope type code
