"""The invoicing pages expose every field the e-invoice rules need (issue 3).

Editor lines carry the exemption code, GTIN and goods type (shown for the VAT categories that
need them); the credit-note action asks for the UAE reason; customers get the emirate, a
foreign region (ISO 3166-2) and the legal registration. Documents made through the pages are
judged by the official validator (tests/support/einvoice.py).
"""

from __future__ import annotations

import pytest
from lxml import html as lxml_html
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from core.api import db
from plugins.invoicing.models import Customer, Invoice
from plugins.invoicing.tests.helpers import raw_sql
from plugins.invoicing.tests.test_pages_support import make_final, post_form
from tests.support.einvoice import explain, validate

REVERSE_CHARGE = {
    "description": "Gold bars",
    "quantity": "3",
    "unit_price": "2500.00",
    "unit_code": "H87",
    "allowance": "0",
    "tax_category": "AE",
    "exemption_reason": "Domestic reverse charge on gold",
    "exemption_code": "VATEX-EU-AE",
    "gtin": "5790000435968",
    "goods_type": "DL8.48.3.1",
}
EXEMPT = {
    "description": "Life insurance",
    "quantity": "1",
    "unit_price": "1200.00",
    "unit_code": "C62",
    "allowance": "0",
    "tax_category": "E",
    "exemption_reason": "Financial services",
    "exemption_code": "vatex-eu-132",
}
STANDARD = {
    "description": "Consulting",
    "quantity": "10",
    "unit_price": "150.00",
    "unit_code": "HUR",
    "allowance": "0",
    "tax_category": "S",
}
BELGIAN = {
    "name": "Brussels Imports NV",
    "vat_ids": "BE0403019261",
    "peppol_id": "0208:0403019261",
    "address_line1": "Rue de la Loi 16",
    "city": "Brussels",
    "postal_code": "1000",
    "country": "BE",
    "payment_terms_days": "30",
}


@pytest.fixture
def signed_in(company, admin, customer, login):
    return login()


def _lines(*rows) -> dict:
    return {f"lines-{i}-{name}": value for i, row in enumerate(rows) for name, value in row.items()}


def _invoice_form(customer_id: int, *rows, **extra) -> dict:
    header = {
        "customer_id": str(customer_id),
        "issue_date": "2026-03-01",
        "currency": "AED",
        "exchange_rate": "1",
        "buyer_reference": "PO-77",
    }
    return {**header, **extra, **_lines(*rows)}


def _visible_details(page: str, row: int) -> dict[str, str]:
    """The VAT detail fields a user sees (and the browser sends) on one line: name -> value."""
    tree = lxml_html.fromstring(page)
    rows = tree.xpath("//table[@id='invoice-lines']//tbody[@data-line-row]")
    found = {}
    for label in rows[row].xpath(".//label[@data-line-detail]"):
        control = label.xpath(".//input | .//select")[0]
        if label.get("hidden") is None and control.get("disabled") is None:
            found[control.get("name").split("-", 2)[2]] = control.value or ""
    return found


def _count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(model.id)))


def _only_invoice() -> Invoice:
    db.session.expire_all()
    return db.session.scalars(select(Invoice)).unique().one()


# ---- editor ----------------------------------------------------------------------------------


def test_new_line_shows_only_the_details_its_category_needs(signed_in):
    page = signed_in.get("/invoicing/invoices/new").get_data(as_text=True)
    assert _visible_details(page, 0) == {}  # a standard-rated line needs none
    template = page.split('id="invoice-line-template"', 1)[1]
    for name in ("exemption_code", "gtin", "goods_type"):
        assert f'name="lines-__index__-{name}"' in template
    assert '<option value="DL8.48.3.1">' in template  # goods types from codes.py
    assert 'data-categories="AE"' in template and 'data-categories="Z E O AE"' in template
    assert '<datalist id="vatex-codes"><option value="VATEX-EU-132">' in page
    assert "invoicing/editor.js" in page


def test_editor_saves_and_shows_exemption_and_reverse_charge_fields(signed_in, customer):
    resp = post_form(
        signed_in,
        "/invoicing/invoices/new",
        _invoice_form(customer.id, EXEMPT, REVERSE_CHARGE, STANDARD),
    )
    assert resp.status_code == 303, resp.get_data(as_text=True)
    exempt, gold, plain = _only_invoice().lines
    assert (exempt.exemption_code, exempt.gtin) == ("VATEX-EU-132", None)
    assert (gold.gtin, gold.goods_type, gold.exemption_code) == (
        "5790000435968",
        "DL8.48.3.1",
        "VATEX-EU-AE",
    )
    assert plain.exemption_reason is None and plain.gtin is None

    edit = signed_in.get(resp.headers["Location"] + "/edit")
    page = edit.get_data(as_text=True)
    assert _visible_details(page, 0) == {
        "exemption_reason": "Financial services",
        "exemption_code": "VATEX-EU-132",
    }
    assert _visible_details(page, 1) == {
        "exemption_reason": "Domestic reverse charge on gold",
        "exemption_code": "VATEX-EU-AE",
        "gtin": "5790000435968",
        "goods_type": "DL8.48.3.1",
    }
    assert _visible_details(page, 2) == {}

    detail = signed_in.get(resp.headers["Location"]).get_data(as_text=True)
    assert "GTIN 5790000435968" in detail and "VATEX-EU-132" in detail
    assert 'title="DL8.48.3.1">Art. 48(3)(1)<' in detail
    # The live totals are untouched by the new fields: 1200 exempt + 7500 reverse charge
    # + 1500 at 5 % = 10200 net, 75 VAT.
    assert "AED\xa010,275.00" in detail


def test_changing_a_line_keeps_the_other_lines_details(signed_in, customer):
    post_form(signed_in, "/invoicing/invoices/new", _invoice_form(customer.id, REVERSE_CHARGE))
    invoice = _only_invoice()
    changed = {**REVERSE_CHARGE, "gtin": "4006381333931", "goods_type": "DL8.48.8.2"}
    resp = post_form(
        signed_in,
        f"/invoicing/invoices/{invoice.id}/edit",
        _invoice_form(customer.id, changed),
        page=f"/invoicing/invoices/{invoice.id}/edit",
    )
    assert resp.status_code == 303
    line = _only_invoice().lines[0]
    assert (line.gtin, line.goods_type) == ("4006381333931", "DL8.48.8.2")


def test_bad_line_details_are_named_on_their_line_and_nothing_is_saved(signed_in, customer):
    bad_code = {**EXEMPT, "exemption_code": "EXEMPT"}
    bad_gold = {**REVERSE_CHARGE, "gtin": "5790000435969", "goods_type": "GOLD"}
    stray_gtin = {**STANDARD, "gtin": "12345"}  # an S line with a GTIN typed before a switch
    resp = post_form(
        signed_in,
        "/invoicing/invoices/new",
        _invoice_form(customer.id, bad_code, bad_gold, stray_gtin),
    )
    page = resp.get_data(as_text=True)
    assert resp.status_code == 422 and "nothing was saved" in page
    assert 'id="lines-0-exemption_code-error"' in page and "must be a VATEX code" in page
    assert 'id="lines-1-gtin-error"' in page and "valid check digit" in page
    assert 'id="lines-1-goods_type-error"' in page and "must be one of DL8.48.3.1" in page
    assert 'id="lines-0-gtin-error"' not in page  # errors stay on their own line
    # A field with an error is shown even where its category would hide it.
    assert _visible_details(page, 2) == {"gtin": "12345"}
    assert _visible_details(page, 1)["gtin"] == "5790000435969"  # what was typed stays
    assert _count(Invoice) == 0


def test_reverse_charge_draft_from_the_page_finalizes_and_passes_pint_ae(signed_in, customer):
    resp = post_form(
        signed_in, "/invoicing/invoices/new", _invoice_form(customer.id, REVERSE_CHARGE)
    )
    assert resp.status_code == 303
    invoice = _only_invoice()
    done = post_form(
        signed_in,
        f"/invoicing/invoices/{invoice.id}/finalize",
        {},
        page=f"/invoicing/invoices/{invoice.id}",
        headers={"HX-Request": "true"},
    )
    assert done.status_code == 200 and "Invoice finalized." in done.get_data(as_text=True)
    page = signed_in.get(f"/invoicing/invoices/{invoice.id}").get_data(as_text=True)
    link = lxml_html.fromstring(page).xpath("//a[contains(@href, 'profile=pint-ae')]/@href")[0]
    xml = signed_in.get(link)
    assert xml.status_code == 200 and xml.mimetype == "application/xml"
    report = validate(xml.data, "pint-ae")
    assert report["fatal_rules"] == [], explain(report)
    body = xml.data.decode()
    assert "<cbc:NatureCode>DL8.48.3.1</cbc:NatureCode>" in body
    assert 'schemeID="0160">5790000435968<' in body
    peppol = signed_in.get(link.replace("pint-ae", "peppol"))
    assert validate(peppol.data, "peppol")["fatal_rules"] == []


# ---- credit notes ----------------------------------------------------------------------------


def test_credit_note_form_requires_a_reason(signed_in, company, customer):
    original = make_final(company, customer)
    detail = f"/invoicing/invoices/{original.id}"
    page = signed_in.get(detail).get_data(as_text=True)
    form = lxml_html.fromstring(page).xpath("//form[@id='credit-note-form']")[0]
    options = form.xpath(".//select[@name='credit_reason']/option/@value")
    assert options == [
        "",
        "DL8.61.1.A",
        "DL8.61.1.B",
        "DL8.61.1.C",
        "DL8.61.1.D",
        "DL8.61.1.E",
        "VD",
    ]

    url = f"{detail}/credit_note"
    missing = post_form(signed_in, url, {"credit_reason": ""}, page=detail)
    text = missing.get_data(as_text=True)
    assert missing.status_code == 422
    assert 'id="credit_reason-error"' in text and "Choose the reason" in text
    assert '<details id="credit-note-action" open>' in text  # the form stays open
    arabic = {"HX-Request": "true", "Accept-Language": "ar"}
    missing = post_form(signed_in, url, {"credit_reason": ""}, page=detail, headers=arabic)
    assert "اختر سبب الإشعار الدائن" in missing.get_data(as_text=True)
    unknown = post_form(
        signed_in, url, {"credit_reason": "OOPS"}, page=detail, headers={"HX-Request": "true"}
    )
    assert unknown.status_code == 422 and "must be one of DL8.61.1.A" in unknown.get_data(
        as_text=True
    )
    assert "<html" not in unknown.get_data(as_text=True)  # the detail block only
    assert _count(Invoice) == 1  # nothing but the original

    made = post_form(
        signed_in, url, {"credit_reason": "DL8.61.1.B"}, page=detail, headers={"HX-Request": "true"}
    )
    assert made.status_code == 204
    note = db.session.scalars(select(Invoice).where(Invoice.credit_note_of_id == original.id)).one()
    assert made.headers["HX-Redirect"].endswith(f"/invoicing/invoices/{note.id}/edit")
    assert note.credit_reason == "DL8.61.1.B" and note.type == "credit_note"


def test_credit_note_reason_is_edited_in_the_editor(signed_in, company, customer):
    original = make_final(company, customer)
    detail = f"/invoicing/invoices/{original.id}"
    post_form(signed_in, f"{detail}/credit_note", {"credit_reason": "DL8.61.1.A"}, page=detail)
    note = db.session.scalars(select(Invoice).where(Invoice.credit_note_of_id == original.id)).one()
    edit = f"/invoicing/invoices/{note.id}/edit"
    page = signed_in.get(edit).get_data(as_text=True)
    assert '<option selected value="DL8.61.1.A">' in page
    fields = {**_invoice_form(customer.id, STANDARD), "credit_reason": "VD"}
    assert post_form(signed_in, edit, fields, page=edit).status_code == 303
    db.session.expire_all()
    assert db.session.get(Invoice, note.id).credit_reason == "VD"
    shown = signed_in.get(f"/invoicing/invoices/{note.id}").get_data(as_text=True)
    assert 'title="VD">Volume discount<' in shown
    # An ordinary invoice has no reason to give.
    new_page = signed_in.get("/invoicing/invoices/new").get_data(as_text=True)
    assert 'name="credit_reason"' not in new_page


# ---- customers -------------------------------------------------------------------------------


def test_customer_form_offers_emirates_and_legal_types(signed_in):
    page = signed_in.get("/invoicing/customers/new").get_data(as_text=True)
    tree = lxml_html.fromstring(page)
    emirates = tree.xpath("//select[@name='emirate']/option/@value")
    assert emirates == ["", "AE-AZ", "AE-DU", "AE-SH", "AE-AJ", "AE-UQ", "AE-RK", "AE-FU"]
    assert tree.xpath("//select[@name='legal_id_type']/option/@value") == [
        "",
        "TL",
        "EID",
        "PAS",
        "CD",
    ]
    for name in ("legal_id", "legal_id_authority", "subdivision", "peppol_id", "vat_ids"):
        assert tree.xpath(f"//input[@name='{name}']"), name


def test_customer_legal_fields_are_validated_inline(signed_in):
    base = {"name": "Oasis Foods", "country": "AE", "city": "Sharjah", "emirate": "AE-SH"}
    cases = [
        ({"legal_id": "TL-1", "legal_id_type": "TL"}, "legal_id_authority", "issuing authority"),
        ({"legal_id": "P-1", "legal_id_type": "PAS", "legal_id_authority": "Mumbai"},
         "legal_id_authority", "issuing country"),
        ({"legal_id_type": "EID"}, "legal_id", "is required with a legal id type"),
        ({"legal_id": "X", "legal_id_type": "ZZ"}, "legal_id_type", "must be one of TL"),
        ({"emirate": "AE-XX"}, "emirate", "must be one of AE-AZ"),
    ]  # fmt: skip
    for extra, field, message in cases:
        resp = post_form(signed_in, "/invoicing/customers/new", {**base, **extra})
        page = resp.get_data(as_text=True)
        assert resp.status_code == 422, extra
        assert f'id="{field}-error"' in page and message in page, (extra, field)
    assert _count(Customer) == 1  # only the fixture's


def test_customer_legal_fields_are_saved_and_shown(signed_in):
    data = {
        "name": "Oasis Foods",
        "trn": "100111222300003",
        "peppol_id": "0235:1001112223",
        "country": "AE",
        "city": "Sharjah",
        "emirate": "AE-SH",
        "legal_id": "TL-778899",
        "legal_id_type": "TL",
        "legal_id_authority": "Sharjah Economic Development Department",
        "payment_terms_days": "30",
    }
    resp = post_form(signed_in, "/invoicing/customers/new", data)
    assert resp.status_code == 303
    made = db.session.scalars(select(Customer).where(Customer.name == "Oasis Foods")).one()
    assert (made.emirate, made.legal_id, made.legal_id_type) == ("AE-SH", "TL-778899", "TL")
    shown = signed_in.get(resp.headers["Location"]).get_data(as_text=True)
    assert 'title="AE-SH">Sharjah<' in shown
    assert "Trade licence · TL-778899 · Sharjah Economic Development Department" in shown
    edit = signed_in.get(f"/invoicing/customers/{made.id}/edit").get_data(as_text=True)
    assert '<option selected value="AE-SH">' in edit and '<option selected value="TL">' in edit
    assert 'value="Sharjah Economic Development Department"' in edit


def test_subdivision_must_fit_the_country(signed_in):
    cases = [
        ({**BELGIAN, "subdivision": "US-NY"}, "subdivision", "ISO 3166-2 subdivision code of BE"),
        ({**BELGIAN, "subdivision": "BRUSSELS"}, "subdivision", "e.g. BE-BRU"),
        ({**BELGIAN, "emirate": "AE-DU"}, "emirate", "only a UAE (country AE) address"),
        ({**BELGIAN, "country": "AE", "subdivision": "BE-BRU"}, "subdivision", "its emirate"),
    ]
    for data, field, message in cases:
        resp = post_form(signed_in, "/invoicing/customers/new", data)
        page = resp.get_data(as_text=True)
        assert resp.status_code == 422, data
        assert f'id="{field}-error"' in page and message in page, (field, message)
    assert _count(Customer) == 1


# ---- foreign buyers in PINT-AE ---------------------------------------------------------------


def _belgian_draft(signed_in, **customer_extra) -> Invoice:
    resp = post_form(signed_in, "/invoicing/customers/new", {**BELGIAN, **customer_extra})
    assert resp.status_code == 303, resp.get_data(as_text=True)
    buyer = db.session.scalars(select(Customer).where(Customer.country == "BE")).one()
    export = {
        **STANDARD,
        "tax_category": "Z",
        "exemption_reason": "Export of services",
        "description": "Consulting for a Belgian client",
    }
    resp = post_form(signed_in, "/invoicing/invoices/new", _invoice_form(buyer.id, export))
    assert resp.status_code == 303, resp.get_data(as_text=True)
    return _only_invoice()


def _belgian_invoice(signed_in, **customer_extra) -> Invoice:
    invoice = _belgian_draft(signed_in, **customer_extra)
    detail = f"/invoicing/invoices/{invoice.id}"
    done = post_form(signed_in, f"{detail}/finalize", {}, page=detail)
    assert done.status_code == 303
    return invoice


def test_belgian_customer_with_a_region_passes_pint_ae(signed_in):
    """PINT-AE ibr-144-ae wants the buyer's country subdivision in every buyer address, also
    outside the UAE; an ISO 3166-2 code satisfies it (ibr-128-ae only lists emirates for AE)."""
    invoice = _belgian_invoice(signed_in, subdivision="be-bru")
    shown = signed_in.get(f"/invoicing/customers/{invoice.customer_id}").get_data(as_text=True)
    assert "BE-BRU" in shown
    for profile in ("pint-ae", "peppol"):
        xml = signed_in.get(f"/api/v1/invoices/{invoice.id}/ubl?profile={profile}")
        assert xml.status_code == 200, xml.get_json()
        report = validate(xml.data, profile)
        assert report["fatal_rules"] == [], f"{profile}:\n{explain(report)}"
    assert "<cbc:CountrySubentity>BE-BRU</cbc:CountrySubentity>" in xml.data.decode()
    # The region is frozen with the buyer: the database refuses to change it afterwards.
    assert _only_invoice().buyer_subdivision == "BE-BRU"
    with pytest.raises(DBAPIError, match="invoice_not_draft"):
        raw_sql(
            "UPDATE invoicing_invoice SET buyer_subdivision = 'BE-VLG' WHERE id = :id",
            id=invoice.id,
        )
    db.session.rollback()


def test_belgian_customer_without_a_region_is_refused_before_sealing(signed_in):
    """PINT-AE wants the buyer's region (ibr-144-ae): the draft page says so before Finalize,
    and Finalize refuses naming the rule, leaving the draft unnumbered."""
    invoice = _belgian_draft(signed_in)
    detail = f"/invoicing/invoices/{invoice.id}"
    page = signed_in.get(detail).get_data(as_text=True)
    assert 'data-einvoice-verdict="blocked"' in page
    assert 'data-rule="ibr-144-ae" data-field="buyer.address"' in page
    done = post_form(signed_in, f"{detail}/finalize", {}, page=detail)
    assert done.status_code == 422
    shown = done.get_data(as_text=True)
    assert "ibr-144-ae (buyer.address)" in shown and "emirate / region" in shown
    db.session.expire_all()
    assert _only_invoice().is_draft and _only_invoice().number is None
