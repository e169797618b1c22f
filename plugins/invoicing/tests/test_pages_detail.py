"""Invoice detail page: content, actions by status and permission, errors, tenancy, chain."""

import re

import pytest

from core.api import db
from plugins.invoicing.models import Invoice
from plugins.invoicing.tests.helpers import raw_sql
from plugins.invoicing.tests.test_pages_support import (
    make_customer,
    make_draft,
    make_final,
    post_form,
)


@pytest.fixture
def signed_in(company, admin, customer, login):
    return login()


def _page(client, invoice):
    resp = client.get(f"/invoicing/invoices/{invoice.id}")
    assert resp.status_code == 200
    return resp.get_data(as_text=True)


def _buttons(html):
    import re

    return re.findall(r'<button type="submit" name="action" value="(\w+)"', html)


def test_draft_detail_shows_lines_vat_totals_and_draft_actions(signed_in, company, customer):
    draft = make_draft(company, customer)
    html = _page(signed_in, draft)
    assert f"Draft #{draft.id}" in html and "Gulf Buyer LLC" in html and "Consulting" in html
    # 10 x 150 + 99.99 = 1599.99; VAT 5 % = 80.00 (79.9995 half-up); total 1679.99
    assert "AED\xa01,599.99" in html and "AED\xa080.00" in html and "AED\xa01,679.99" in html
    assert _buttons(html) == ["finalize", "duplicate", "delete"]
    assert f'data-room="invoice:{draft.id}"' in html
    assert f'data-presence-room="invoice:{draft.id}"' in html
    assert "XML is available once it is finalized" in html


def test_finalize_button_finalizes_and_other_actions_follow(signed_in, company, customer):
    draft = make_draft(company, customer)
    resp = post_form(signed_in, f"/invoicing/invoices/{draft.id}/finalize", {})
    assert resp.status_code == 303
    html = signed_in.get(resp.headers["Location"]).get_data(as_text=True)
    db.session.expire_all()
    invoice = db.session.get(Invoice, draft.id)
    assert invoice.status == "FINALIZED" and invoice.number
    assert invoice.number in html and "Invoice finalized." in html
    # The fixed order: next step first, destructive last (set apart in the bar).
    assert _buttons(html) == ["approve", "duplicate", "credit_note", "void"]
    assert f"/api/v1/invoices/{draft.id}/ubl?profile=pint-ae" in html
    assert 'data-integrity="ok"' in html
    assert "InvoiceFinalized" in html  # audit timeline
    # In Arabic the void action is a verb ("إبطال"), not the void status' adjective ("ملغاة").
    arabic = {"Accept-Language": "ar"}
    html = signed_in.get(f"/invoicing/invoices/{draft.id}", headers=arabic).get_data(as_text=True)
    assert re.search(r'value="void"[^>]*>\s*إبطال\s*<', html)
    listed = signed_in.get("/invoicing/invoices", headers=arabic).get_data(as_text=True)
    assert '<option value="void">إبطال…</option>' in listed

    hx = {"HX-Request": "true"}
    resp = post_form(signed_in, f"/invoicing/invoices/{draft.id}/approve", {}, headers=hx)
    assert resp.status_code == 200 and "Invoice approved." in resp.get_data(as_text=True)
    assert resp.get_data(as_text=True).lstrip().startswith('<section id="invoice-detail"')
    resp = post_form(signed_in, f"/invoicing/invoices/{draft.id}/send", {})
    db.session.expire_all()
    assert db.session.get(Invoice, draft.id).status == "SENT"


def test_refused_action_shows_the_reason_and_changes_nothing(signed_in, company, customer):
    draft = make_draft(company, customer)
    resp = post_form(signed_in, f"/invoicing/invoices/{draft.id}/approve", {})
    assert resp.status_code == 409
    assert "Finalize the draft first." in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Invoice, draft.id).status == "DRAFT"


def test_action_without_csrf_is_refused(signed_in, company, customer):
    draft = make_draft(company, customer)
    resp = signed_in.post(f"/invoicing/invoices/{draft.id}/finalize")
    assert resp.status_code == 400
    db.session.expire_all()
    assert db.session.get(Invoice, draft.id).status == "DRAFT"


def test_finance_user_sees_no_approve_or_void(company, customer, make_user, login):
    make_user(email="finance@acme.ae", company=company, role="FINANCE_USER")
    client = login("finance@acme.ae")
    invoice = make_final(company, customer)
    assert _buttons(_page(client, invoice)) == ["duplicate", "credit_note"]
    resp = post_form(client, f"/invoicing/invoices/{invoice.id}/void", {})
    assert resp.status_code == 403
    db.session.expire_all()
    assert db.session.get(Invoice, invoice.id).status == "FINALIZED"


def test_credit_note_and_duplicate_open_new_drafts(signed_in, company, customer):
    invoice = make_final(company, customer)
    resp = post_form(
        signed_in,
        f"/invoicing/invoices/{invoice.id}/credit_note",
        {"credit_reason": "DL8.61.1.A"},  # the form asks why (test_pages_einvoice_fields.py)
    )
    assert resp.status_code == 303
    note = db.session.scalars(
        db.select(Invoice).where(Invoice.credit_note_of_id == invoice.id)
    ).one()
    assert resp.headers["Location"].endswith(f"/invoicing/invoices/{note.id}/edit")
    assert note.type == "credit_note" and note.status == "DRAFT"
    resp = post_form(
        signed_in, f"/invoicing/invoices/{invoice.id}/duplicate", {}, headers={"HX-Request": "true"}
    )
    assert resp.status_code == 204 and resp.headers["HX-Redirect"].endswith("/edit")


def test_delete_draft(signed_in, company, customer):
    draft = make_draft(company, customer)
    resp = post_form(signed_in, f"/invoicing/invoices/{draft.id}/delete", {})
    assert resp.status_code == 303
    assert signed_in.get(f"/invoicing/invoices/{draft.id}").status_code == 404


def test_another_companys_invoice_is_404(signed_in, make_company):
    rival = make_company(name="Rival LLC", trn="100555555500003")
    theirs = make_draft(rival, make_customer(rival, "Rival Customer"))
    resp = signed_in.get(f"/invoicing/invoices/{theirs.id}")
    assert resp.status_code == 404 and "Rival Customer" not in resp.get_data(as_text=True)
    resp = post_form(signed_in, f"/invoicing/invoices/{theirs.id}/finalize", {})
    assert resp.status_code == 404
    db.session.expire_all()
    assert db.session.get(Invoice, theirs.id).status == "DRAFT"


def test_htmx_detail_request_gets_the_live_block(signed_in, company, customer):
    invoice = make_final(company, customer)
    resp = signed_in.get(f"/invoicing/invoices/{invoice.id}", headers={"HX-Request": "true"})
    html = resp.get_data(as_text=True)
    assert "HX-Request" in resp.headers["Vary"] and "<html" not in html
    assert f"ll:invoicing_status_changed:id={invoice.id} from:body" in html


def test_chain_page_ok_then_names_the_tampered_document(signed_in, company, customer):
    first = make_final(company, customer)
    second = make_final(company, customer)
    html = signed_in.get("/invoicing/chain").get_data(as_text=True)
    assert 'data-chain="ok"' in html and "2 documents checked" in html
    if db.engine.dialect.name == "postgresql":
        raw_sql("ALTER TABLE invoicing_invoice DISABLE TRIGGER invoicing_invoice_frozen")
    else:
        raw_sql("DROP TRIGGER invoicing_invoice_frozen")
    raw_sql("UPDATE invoicing_invoice SET total = 1.00 WHERE id = :id", id=second.id)
    db.session.expire_all()
    html = signed_in.get("/invoicing/chain").get_data(as_text=True)
    assert 'data-chain="broken"' in html and second.number in html
    assert "the document was altered" in html and first.number not in html
    detail = signed_in.get(f"/invoicing/invoices/{second.id}").get_data(as_text=True)
    assert 'data-integrity="broken"' in detail


def test_dashboard_widget_counts_amounts_due(signed_in, company, customer):
    make_final(company, customer)
    make_draft(company, customer)
    html = signed_in.get("/").get_data(as_text=True)
    assert 'id="invoicing-widget"' in html
    assert "AED\xa01,679.99" in html and "1 draft" in html
    assert 'href="/invoicing/invoices"' in html  # menu entry
    # Each ageing chart names its currency where a reader sees it, not only in a tooltip.
    chart = re.search(r'<figure class="ll-chart-figure">.*?</figure>', html, re.S).group(0)
    assert "<svg" in chart and "<figcaption>United Arab Emirates Dirham</figcaption>" in chart
