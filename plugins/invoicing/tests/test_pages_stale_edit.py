"""Two users edit one draft in the pages: the later save is refused, the changes are shown
field by field (lines too) and the merge saves against the new version."""

from __future__ import annotations

import lxml.html
import pytest

from core.api import db
from plugins.invoicing.models import Invoice
from plugins.invoicing.tests.test_pages_support import make_draft


def form_fields(html: str, form_id: str) -> dict:
    """What a browser would send for the form: inputs, selects and textareas, not disabled."""
    form = lxml.html.fromstring(html).get_element_by_id(form_id)
    return {k: v for k, v in form.form_values() if not k.startswith("lines-__index__")}


@pytest.fixture
def two_editors(app, company, admin, customer, make_user, login):
    from tests.support.fixtures import csrf_token

    first = login()
    make_user(email="finance@acme.ae", company=company, role="FINANCE_USER")
    second = app.test_client()
    token = csrf_token(second)
    second.post(
        "/login",
        data={"csrf_token": token, "email": "finance@acme.ae", "password": "correct horse"},
    )
    return first, second


def _open(client, invoice_id):
    resp = client.get(f"/invoicing/invoices/{invoice_id}/edit")
    assert resp.status_code == 200
    return form_fields(resp.get_data(as_text=True), "invoice-editor")


def _stored(invoice_id) -> Invoice:
    db.session.expire_all()
    return db.session.get(Invoice, invoice_id)


def test_second_save_is_refused_shown_and_merged(two_editors, company, customer):
    first, second = two_editors
    draft = make_draft(company, customer, notes="opened")
    path = f"/invoicing/invoices/{draft.id}/edit"
    mine, theirs = _open(first, draft.id), _open(second, draft.id)
    assert mine["_version"] == "1"

    theirs |= {"notes": "their note", "order_reference": "PO-THEIRS", "lines-0-quantity": "12"}
    assert second.post(path, data=theirs).status_code == 303
    assert _stored(draft.id).version == 2

    mine |= {"notes": "my note", "buyer_reference": "MY-REF"}
    refused = first.post(path, data=mine)
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    stored = _stored(draft.id)
    assert stored.notes == "their note" and stored.buyer_reference == "PO-77"  # nothing of mine
    page = lxml.html.fromstring(html)
    rows = {r.get("data-change"): r for r in page.xpath("//tr[@data-change]")}
    assert set(rows) == {"notes", "order_reference", "buyer_reference", "lines"}
    notes = rows["notes"]
    assert "ll-stale-conflict" in notes.get("class")  # both changed it
    cells = {td.get("data-value"): td.text_content().strip() for td in notes.xpath("./td")}
    assert cells["original"] == "opened" and cells["mine"] == "my note"
    assert cells["theirs"] == "their note"
    line_cells = {
        td.get("data-value"): td.text_content() for td in rows["lines"].xpath("./td[@data-value]")
    }
    assert "— 10 C62" in line_cells["mine"] and "— 12 C62" in line_cells["theirs"]

    merge = dict(page.xpath("//form[@data-merge-form]")[0].form_values())
    assert merge["_version"] == "2"
    assert merge["take:buyer_reference"] == "mine"  # only I changed it
    assert merge["take:order_reference"] == "theirs" and merge["take:lines"] == "theirs"
    merge["take:notes"] = "mine"
    saved = first.post(path, data=merge)
    assert saved.status_code == 303, saved.get_data(as_text=True)[:2000]
    stored = _stored(draft.id)
    assert stored.version == 3
    assert stored.notes == "my note" and stored.buyer_reference == "MY-REF"
    assert stored.order_reference == "PO-THEIRS"
    assert [str(line.quantity.normalize()) for line in stored.lines][0] == "12"


def test_merge_against_a_version_that_moved_again_is_refused_again(two_editors, company, customer):
    first, second = two_editors
    draft = make_draft(company, customer)
    path = f"/invoicing/invoices/{draft.id}/edit"
    mine = _open(first, draft.id)
    second.post(path, data=_open(second, draft.id) | {"notes": "v2"})
    page = first.post(path, data=mine | {"notes": "mine"}).get_data(as_text=True)
    merge = dict(lxml.html.fromstring(page).xpath("//form[@data-merge-form]")[0].form_values())
    second.post(path, data=_open(second, draft.id) | {"notes": "v3"})
    again = first.post(path, data=merge)
    assert again.status_code == 409
    assert "v3" in again.get_data(as_text=True)
    assert _stored(draft.id).notes == "v3"


def test_reload_link_and_same_change_by_both(two_editors, company, customer):
    first, second = two_editors
    draft = make_draft(company, customer)
    path = f"/invoicing/invoices/{draft.id}/edit"
    mine, theirs = _open(first, draft.id), _open(second, draft.id)
    second.post(path, data=theirs | {"notes": "same"})
    # Both typed the same: nothing to merge, nothing lost, no second save.
    same = first.post(path, data=mine | {"notes": "same"})
    assert same.status_code == 303 and _stored(draft.id).version == 2
    refused = first.post(path, data=mine | {"notes": "other"}).get_data(as_text=True)
    reload_link = lxml.html.fromstring(refused).xpath("//*[@data-merge-reload]")[0]
    assert reload_link.get("href") == path
    assert _open(first, draft.id)["_version"] == "2"


def test_customer_edit_refused_when_stale_then_merged(two_editors, customer):
    first, second = two_editors
    path = f"/invoicing/customers/{customer.id}/edit"

    def open_form(client):
        html = client.get(path).get_data(as_text=True)
        return form_fields(html, "customer-form")

    mine, theirs = open_form(first), open_form(second)
    assert mine["_version"] == "1"
    assert (
        second.post(path, data=theirs | {"city": "Dubai", "phone": "+971 4 000 0000"}).status_code
        == 303
    )
    refused = first.post(path, data=mine | {"city": "Sharjah"})
    assert refused.status_code == 409
    page = lxml.html.fromstring(refused.get_data(as_text=True))
    rows = {r.get("data-change") for r in page.xpath("//tr[@data-change]")}
    assert rows == {"city", "phone"}
    merge = dict(page.xpath("//form[@data-merge-form]")[0].form_values())
    assert merge["take:city"] == "mine" and merge["take:phone"] == "theirs"
    assert first.post(path, data=merge).status_code == 303
    db.session.expire_all()
    from plugins.invoicing.models import Customer

    stored = db.session.get(Customer, customer.id)
    assert (stored.city, stored.phone, stored.version) == ("Sharjah", "+971 4 000 0000", 3)
