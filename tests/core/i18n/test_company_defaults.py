"""The company's default language and time zone: edited on the profile page and the API, used
for its users who chose none."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from tests.support.fixtures import csrf_token

PROFILE = {
    "name": "Acme Trading LLC",
    "trn": "100123456700003",
    "country": "AE",
    "legal_id": "CN-1234567",
    "legal_id_type": "TL",
    "legal_id_authority": "DED",
}


@pytest.fixture
def acme(make_company):
    return make_company()


@pytest.fixture
def admin(acme, make_user, login):
    make_user(company=acme)
    return login()


def html_tag(body: str) -> str:
    return re.search(r"<html[^>]*>", body).group(0)


def post_profile(client, **fields):
    data = {**PROFILE, **fields, "csrf_token": csrf_token(client, "/company")}
    return client.post("/company/edit", data=data, headers={"Accept-Language": "en"})


def test_the_profile_page_sets_the_defaults_its_users_then_see(app, acme, admin):
    from core.db import db

    page = admin.get("/company", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<option value="Asia/Dubai">Asia/Dubai · Dubai</option>' in page
    assert '<option value="ar">العربية</option>' in page
    assert post_profile(admin, locale="ar", timezone="Asia/Dubai").status_code == 302
    db.session.refresh(acme)
    assert (acme.locale, acme.timezone) == ("ar", "Asia/Dubai")
    # The admin chose no language of their own: the company's wins over the browser's.
    body = admin.get("/company", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert html_tag(body) == '<html lang="ar" dir="rtl">'
    assert "العربية" in body and "Asia/Dubai" in body  # shown on the profile


def test_the_company_time_zone_shows_times_of_users_without_one(app, acme, admin):
    from core.db import db
    from core.models import User

    post_profile(admin, locale="en", timezone="Asia/Dubai")
    user = db.session.query(User).filter_by(email="admin@acme.ae").one()
    user.last_login_at = datetime(2026, 12, 5, 20, 30)
    db.session.commit()
    body = admin.get("/account").get_data(as_text=True)
    assert "Dec 6, 2026, 12:30\u202fAM" in body  # 20:30 UTC is past midnight in Dubai


def test_an_unknown_language_or_zone_is_a_field_error_and_nothing_is_saved(app, acme, admin):
    from core.db import db

    resp = post_profile(admin, locale="xx", timezone="Mars/Olympus")
    assert resp.status_code == 422
    body = resp.get_data(as_text=True)
    assert "Use one of the languages Ledgerline speaks: en, ar." in body
    assert "Use a time zone name such as Asia/Dubai" in body
    db.session.refresh(acme)
    assert (acme.locale, acme.timezone) == (None, None)


def test_the_api_reads_and_changes_the_defaults(client, acme, make_user, api_token):
    headers = {"Authorization": f"Bearer {api_token(make_user(company=acme))}"}
    assert client.get("/api/v1/company", headers=headers).get_json()["locale"] is None
    resp = client.patch(
        "/api/v1/company", json={"locale": "ar", "timezone": "Asia/Dubai"}, headers=headers
    )
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json() | {"locale": "ar", "timezone": "Asia/Dubai"} == resp.get_json()
    bad = client.patch("/api/v1/company", json={"timezone": "Dubai"}, headers=headers)
    assert bad.status_code == 422
    assert bad.get_json()["error"]["code"] == "validation_failed"
    assert list(bad.get_json()["error"]["details"]["fields"]) == ["timezone"]
    cleared = client.patch("/api/v1/company", json={"locale": None}, headers=headers)
    assert cleared.get_json()["locale"] is None


def test_the_openapi_document_describes_the_new_fields(client):
    schemas = client.get("/api/v1/openapi.json").get_json()
    text = str(schemas)
    assert "Default language of the company's users who chose none" in text
    assert "Default IANA time zone" in text
