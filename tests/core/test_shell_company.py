"""Company page: HTMX edit form with the shared rules, events, live update, tenant isolation."""

import pytest
from sqlalchemy import select

from tests.support.fixtures import csrf_token

GOOD = {
    "name": "Acme Trading LLC",
    "trn": "100123456700003",
    "country": "AE",
    "address_line1": "Office 12, Marina Plaza",
    "city": "Dubai",
    "peppol_id": "0235:100123456700003",
    "iban": "AE07 0331 2345 6789 0123 456",
    "email": "billing@acme.ae",
    "phone": "+971 50 123 4567",
}


@pytest.fixture
def acme(make_company):
    return make_company()


@pytest.fixture
def admin(acme, make_user, login):
    make_user(company=acme)
    return login()


def _post(client, **changes):
    data = {**GOOD, **changes, "csrf_token": csrf_token(client, "/company")}
    return client.post("/company/edit", data=data)


def _saved(app, company_id):
    from core.db import db
    from core.models import Company

    db.session.expire_all()
    return db.session.get(Company, company_id)


def test_company_page_shows_profile_and_edit_form(app, acme, admin):
    html = admin.get("/company").get_data(as_text=True)
    assert "Acme Trading LLC" in html and "100123456700003" in html
    assert "ll:company_updated from:body" in html
    assert 'action="/company/edit"' in html and 'hx-post="/company/edit"' in html


def test_invalid_trn_shows_the_field_error_and_saves_nothing(app, acme, admin):
    resp = _post(admin, trn="200123456700003", name="Renamed LLC")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert "A UAE TRN has 15 digits and starts with 1." in html
    assert 'id="trn-error"' in html and 'aria-invalid="true"' in html
    assert "nothing was saved" in html
    assert 'value="200123456700003"' in html  # what the user typed stays in the form
    company = _saved(app, acme.id)
    assert company.name == "Acme Trading LLC" and company.trn == "100123456700003"


def test_bad_iban_email_and_peppol_id_are_shown_inline(app, acme, admin):
    resp = _post(admin, iban="AE08 0331 2345 6789 0123 456", email="billing@", peppol_id="x")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    for field in ("iban", "email", "peppol_id"):
        assert f'id="{field}-error"' in html
    assert _saved(app, acme.id).iban is None


def test_valid_edit_saves_normalized_values_and_confirms(app, acme, admin):
    resp = _post(admin, name="Acme Trading FZE")
    assert resp.status_code == 302 and resp.headers["Location"] == "/company"
    html = admin.get("/company").get_data(as_text=True)
    assert "Company profile saved." in html and "Acme Trading FZE" in html
    company = _saved(app, acme.id)
    assert company.name == "Acme Trading FZE"
    assert company.iban == "AE070331234567890123456"
    assert company.phone == "+971501234567"


def test_valid_edit_is_audited_with_personal_data_masked(app, acme, admin):
    from core.db import db
    from core.models import AuditEntry

    _post(admin, name="Acme Trading FZE")
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "CompanyUpdated")
    ).one()
    assert entry.details["name"] == "Acme Trading FZE"
    assert entry.details["email"] == "bil***@acme.ae"


def test_htmx_edit_answers_the_form_fragment_and_triggers_a_profile_refresh(app, acme, admin):
    data = {**GOOD, "city": "Abu Dhabi", "csrf_token": csrf_token(admin, "/company")}
    resp = admin.post("/company/edit", data=data, headers={"HX-Request": "true"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert resp.headers["HX-Trigger"] == "ll:company_updated"
    assert html.lstrip().startswith("<form") and "Company profile saved." in html
    assert _saved(app, acme.id).city == "Abu Dhabi"


def test_edit_without_csrf_token_is_refused(app, acme, admin):
    resp = admin.post("/company/edit", data=GOOD)
    assert resp.status_code == 400
    assert _saved(app, acme.id).iban is None


def test_finance_user_sees_the_profile_but_cannot_edit(app, acme, make_user, login):
    make_user("clerk@acme.ae", company=acme, role="FINANCE_USER")
    client = login("clerk@acme.ae")
    html = client.get("/company").get_data(as_text=True)
    assert "Acme Trading LLC" in html and 'action="/company/edit"' not in html
    resp = _post(client, name="Hijacked")
    assert resp.status_code == 403
    assert _saved(app, acme.id).name == "Acme Trading LLC"


def _beta_client(app, make_company, make_user):
    """A second company's admin. Each of its requests runs in its own app context: the ``app``
    fixture keeps one context open, and Flask-Login caches the user in that context's ``g``."""
    other = make_company("Beta Foods LLC", trn="100999888700003")
    make_user("owner@beta.ae", company=other)
    beta = app.test_client()
    with app.app_context():
        token = csrf_token(beta)
    with app.app_context():
        form = {"email": "owner@beta.ae", "password": "correct horse", "csrf_token": token}
        assert beta.post("/login", data=form).status_code == 302
    return other, beta


def test_another_company_never_sees_the_change(app, acme, admin, make_company, make_user):
    other, beta = _beta_client(app, make_company, make_user)
    _post(admin, name="Acme Secret Name")
    with app.app_context():
        html = beta.get("/company").get_data(as_text=True)
    assert "Beta Foods LLC" in html
    assert "Acme" not in html
    assert _saved(app, other.id).name == "Beta Foods LLC"


def test_open_pages_of_the_same_company_hear_about_the_change(
    app, acme, admin, make_company, make_user
):
    from core.extensions import socketio

    acme_socket = socketio.test_client(app, flask_test_client=admin)
    _, beta = _beta_client(app, make_company, make_user)
    with app.app_context():
        beta_socket = socketio.test_client(app, flask_test_client=beta)
    assert acme_socket.is_connected() and beta_socket.is_connected()
    acme_socket.get_received(), beta_socket.get_received()

    _post(admin, city="Sharjah")

    heard = [m["args"][0] for m in acme_socket.get_received() if m["name"] == "company_updated"]
    assert heard == [
        {"id": acme.id, "changed": ["address_line1", "city", "email", "iban", "peppol_id", "phone"]}
    ]
    assert not [m for m in beta_socket.get_received() if m["name"] == "company_updated"]


def test_profile_saved_elsewhere_meanwhile_is_shown_and_merged(app, acme, admin, make_user):
    """The form was opened at version 1; a colleague saved the city since: nothing is
    overwritten, the changes are shown field by field, the merge keeps both."""
    import lxml.html

    page = admin.get("/company").get_data(as_text=True)
    form = dict(
        lxml.html.fromstring(page).xpath("//section[@id='company-edit']//form")[0].form_values()
    )
    assert form["_version"] == "1"
    assert _post(admin, city="Abu Dhabi").status_code == 302  # the colleague's save
    refused = admin.post("/company/edit", data={**form, "name": "Acme Trading FZE"})
    assert refused.status_code == 409
    tree = lxml.html.fromstring(refused.get_data(as_text=True))
    rows = {r.get("data-change") for r in tree.xpath("//tr[@data-change]")}
    assert {"name", "city"} <= rows
    assert _saved(app, acme.id).name == "Acme Trading LLC"
    merge = dict(tree.xpath("//form[@data-merge-form]")[0].form_values())
    assert merge["take:name"] == "mine" and merge["take:city"] == "theirs"
    assert admin.post("/company/edit", data=merge).status_code == 302
    company = _saved(app, acme.id)
    assert (company.name, company.city, company.version) == ("Acme Trading FZE", "Abu Dhabi", 3)
