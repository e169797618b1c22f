"""Each user's language and time zone: chosen on the account page, stored on the user."""

from __future__ import annotations

import re
from datetime import datetime

from tests.support.fixtures import csrf_token


def html_tag(body: str) -> str:
    return re.search(r"<html[^>]*>", body).group(0)


def signed_in(make_company, make_user, login, **company):
    user = make_user(company=make_company(**company))
    return user, login()


def save(client, **fields):
    data = {"csrf_token": csrf_token(client, "/account/preferences"), **fields}
    return client.post("/account/preferences", data=data, headers={"Accept-Language": "en"})


def test_the_users_language_wins_over_the_browsers(app, make_company, make_user, login):
    user, client = signed_in(make_company, make_user, login)
    resp = save(client, full_name="Sara Ali", locale="ar", timezone="Asia/Dubai")
    assert resp.status_code == 302
    from core.db import db

    db.session.refresh(user)
    assert (user.full_name, user.locale, user.timezone) == ("Sara Ali", "ar", "Asia/Dubai")
    body = client.get("/account", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert html_tag(body) == '<html lang="ar" dir="rtl">'
    assert "حسابك" in body and "Sara Ali" in body
    assert "تم حفظ تفضيلاتك." in body  # the flash message, in the new language


def test_sign_in_time_is_shown_in_the_users_time_zone(app, make_company, make_user, login):
    from core.db import db

    user, client = signed_in(make_company, make_user, login)
    save(client, full_name="", locale="en", timezone="Asia/Dubai")
    user.last_login_at = datetime(2026, 12, 5, 20, 30)
    db.session.commit()
    body = client.get("/account").get_data(as_text=True)
    assert "Dec 6, 2026, 12:30\u202fAM" in body  # 20:30 UTC is past midnight in Dubai


def test_no_choice_follows_the_company_then_the_browser(app, make_company, make_user, login):
    from core.db import db

    user, client = signed_in(make_company, make_user, login, locale="ar")
    save(client, full_name="", locale="", timezone="")
    english = client.get("/account", headers={"Accept-Language": "en-US"}).get_data(as_text=True)
    assert html_tag(english) == '<html lang="ar" dir="rtl">'  # the company's default
    user.company.locale = None
    db.session.commit()
    browser = client.get("/account", headers={"Accept-Language": "en-US"}).get_data(as_text=True)
    assert html_tag(browser) == '<html lang="en" dir="ltr">'  # no company default: the browser


def test_an_unknown_language_or_zone_is_refused_on_the_page(app, make_company, make_user, login):
    user, client = signed_in(make_company, make_user, login)
    resp = save(client, full_name="", locale="xx", timezone="Mars/Olympus")
    assert resp.status_code == 400
    body = resp.get_data(as_text=True)
    assert "Not a valid choice" in body
    assert user.locale is None


def test_the_form_offers_both_languages_and_the_time_zones(app, make_company, make_user, login):
    _, client = signed_in(make_company, make_user, login)
    body = client.get("/account/preferences").get_data(as_text=True)
    assert '<option value="ar">العربية</option>' in body
    assert '<option value="Asia/Dubai">Asia/Dubai · Dubai</option>' in body
