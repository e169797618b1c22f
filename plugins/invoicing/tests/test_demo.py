"""``flask demo`` seeds each demo company with customers and documents in every state, once."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from sqlalchemy import func, select

from core.api import Company, db
from plugins.invoicing import chain, einvoice_xml, mapping
from plugins.invoicing.models import Customer, Invoice, Tax
from plugins.invoicing.services import customers, drafts, finalize, verify
from tests.support.einvoice import explain, validate

ACME_TRN = "100123456700003"


def _demo(app):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    return result.output


def _company(trn: str) -> Company:
    return db.session.scalar(select(Company).where(Company.trn == trn))


def _documents(company_id: int) -> list[Invoice]:
    query = select(Invoice).where(Invoice.company_id == company_id).order_by(Invoice.id)
    return list(db.session.scalars(query).unique())


def _snapshot():
    """Everything a second run could add or change, across all companies."""
    invoices = db.session.execute(
        select(
            Invoice.id, Invoice.number, Invoice.status, Invoice.payment_status, Invoice.hash
        ).order_by(Invoice.id)
    ).all()
    people = db.session.execute(select(Customer.id, Customer.name).order_by(Customer.id)).all()
    return invoices, people, db.session.scalar(select(func.count(Tax.id)))


def test_demo_fills_each_company_with_every_state_once(app):
    output = _demo(app)
    assert (
        "14 document(s) added for Acme Trading LLC, 4 marked overdue, 6 catalogue item(s)" in output
    )
    for trn in (ACME_TRN, "100987654300003"):
        docs = _documents(_company(trn).id)
        states = Counter((d.type, d.status) for d in docs)
        assert states == {
            ("invoice", "DRAFT"): 3,
            ("invoice", "FINALIZED"): 2,
            ("invoice", "APPROVED"): 2,
            ("invoice", "SENT"): 5,
            ("invoice", "VOID"): 1,
            ("credit_note", "FINALIZED"): 1,
        }
        overdue = [d for d in docs if d.payment_status == "overdue"]
        assert len(overdue) == 4
        assert all(d.due_date < dt.date.today() for d in overdue)
        assert {d.currency for d in docs} == {"AED", "USD", "EUR"}
        report = chain.verify_company(docs[0].company_id)
        assert report.ok and report.checked == 11, report.as_dict()
        assert all(verify.verify_invoice(d)["ok"] for d in docs if not d.is_draft)

    before = _snapshot()
    again = _demo(app)
    assert "0 customer(s), 0 document(s) added for Acme Trading LLC" in again
    assert "0 catalogue item(s)" in again
    assert _snapshot() == before


def test_demo_customers_and_vat_mix(app):
    _demo(app)
    acme = _company(ACME_TRN)
    people = db.session.scalars(select(Customer).where(Customer.company_id == acme.id)).all()
    assert len(people) == 5
    uae = [c for c in people if c.country == "AE"]
    assert len(uae) == 3
    assert all(c.peppol_id == f"0235:{c.trn[:10]}" for c in uae)
    assert [c.vat_ids for c in people if c.country == "BE"] == [["BE0403019261"]]

    taxes = db.session.scalars(select(Tax).where(Tax.company_id == acme.id)).all()
    assert {t.tax_category for t in taxes} == {"S", "Z", "E"}
    assert {t.tax_rate for t in taxes if t.tax_category == "S"} == {Decimal("5")}
    assert all(t.exemption_reason for t in taxes if t.tax_category == "E")

    credit = next(d for d in _documents(acme.id) if d.type == "credit_note")
    assert credit.credit_note_of.amount_due == credit.credit_note_of.total - credit.total


def test_every_sealed_demo_document_passes_its_required_profiles(app):
    from plugins.invoicing.services.einvoice_gate import profiles_for

    _demo(app)
    sealed = [d for d in _documents(_company(ACME_TRN).id) if not d.is_draft]
    assert len(sealed) == 11
    for doc in sealed:
        profiles = profiles_for(doc)
        body = einvoice_xml.render(mapping.to_document(doc), profiles[0])
        assert einvoice_xml.sha256(body) == doc.xml_hash  # the very XML that was hashed and signed
        for profile in profiles:
            report = validate(einvoice_xml.render(mapping.to_document(doc), profile), profile)
            assert report["fatal_rules"] == [], f"{doc.number} {profile}: {explain(report)}"


def test_demo_leaves_other_companies_alone(app, make_company):
    other = make_company(
        name="Bystander Trading LLC", trn="100555666700003", address_line1="3 Creek Rd"
    )
    buyer = customers.create(
        other.id,
        {
            "name": "Late Payer LLC",
            "trn": "100666777800003",
            "peppol_id": "0235:1006667778",
            "address_line1": "4 Marina Walk",
            "city": "Dubai",
        },
    )
    late = drafts.create(
        other.id,
        {
            "customer_id": buyer.id,
            "issue_date": "2026-01-05",
            "due_date": "2026-02-04",
            "buyer_reference": "PO-1",
            "payment_iban": "AE070331234567890123456",
            "lines": [{"description": "Consulting", "quantity": "1", "unit_price": "100"}],
        },
    )
    finalize.finalize(late)
    db.session.commit()

    _demo(app)
    db.session.expire_all()
    assert db.session.get(Invoice, late.id).payment_status == "unpaid"  # overdue ran per company
    mine = db.session.scalar(select(func.count(Invoice.id)).where(Invoice.company_id == other.id))
    assert mine == 1


def test_every_sealed_demo_document_passes_the_pint_ae_rules(app):
    _demo(app)
    sealed = [d for d in _documents(_company(ACME_TRN).id) if not d.is_draft]
    for doc in sealed:
        report = validate(einvoice_xml.render(mapping.to_document(doc), "pint-ae"), "pint-ae")
        assert report["fatal_rules"] == [], f"{doc.number}: {explain(report)}"
