"""Pages speak the reader's language: Arabic right to left, the header names the user."""

from __future__ import annotations

import re

from flask_babel import force_locale

from core.company_rules import validate_company


def html_tag(client, path, **headers):
    body = client.get(path, headers=headers).get_data(as_text=True)
    return re.search(r"<html[^>]*>", body).group(0), body


def test_arabic_browser_gets_a_right_to_left_page_in_arabic(client):
    tag, body = html_tag(client, "/login", **{"Accept-Language": "ar-AE,ar;q=0.9,en;q=0.5"})
    assert tag == '<html lang="ar" dir="rtl">'
    assert "تسجيل الدخول" in body


def test_english_browser_gets_left_to_right_english(client):
    tag, body = html_tag(client, "/login", **{"Accept-Language": "en-GB,en;q=0.9"})
    assert tag == '<html lang="en" dir="ltr">'
    assert "Sign in" in body and "تسجيل" not in body


def test_a_language_without_a_catalogue_falls_back_to_english(client):
    tag, _ = html_tag(client, "/login", **{"Accept-Language": "de-DE"})
    assert tag == '<html lang="en" dir="ltr">'


def test_header_shows_the_users_name_and_role_label_not_the_email(
    app, make_company, make_user, login
):
    from core.db import db

    user = make_user(company=make_company(), role="FINANCE_USER")
    user.full_name = "Sara Ali"
    db.session.commit()
    client = login()
    body = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    header = body.split("</header>", 1)[0]
    assert ">Sara Ali</a>" in header
    assert "Finance user" in header
    assert ">admin@acme.ae<" not in header
    arabic = client.get("/", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert "مستخدم مالي" in arabic.split("</header>", 1)[0]


def latin_words(text: str) -> list[str]:
    """Words in Latin letters that are not names the same in every language (IBAN, AE...)."""
    from core.i18n.literals import UNIVERSAL

    return re.findall(r"\b[A-Za-z]{2,}\b", UNIVERSAL.sub(" ", text))


def shown(body: str, marker: str) -> str:
    """The text of the element opened by ``marker`` (a form error, the error page's message)."""
    found = re.search(marker + r"[^>]*>(.*?)</", body, re.S)
    assert found, marker
    return found.group(1)


def test_refusals_and_form_errors_speak_the_readers_language(app, make_company, make_user, login):
    """A service's refusal on a form, and on the error page, in Arabic with no English left;
    the API keeps its code and its English text word for word, and speaks Arabic to an Arabic
    reader like the pages do (the user's language, else the company's, else the browser's)."""
    from tests.support.fixtures import csrf_token

    make_user(company=make_company())
    client = login()
    arabic = {"Accept-Language": "ar"}
    data = {"name": "Acme", "trn": "100123456700003", "country": "AE", "iban": "AE07 0331"}
    data["csrf_token"] = csrf_token(client, "/company")
    form = client.post("/company/edit", data=data, headers=arabic).get_data(as_text=True)
    error = shown(form, 'class="ll-field-error"')
    assert "IBAN" in error and latin_words(error) == []
    nameless = client.post("/company/edit", data={**data, "name": ""}, headers=arabic)
    assert "اسم الشركة مطلوب." in nameless.get_data(as_text=True)
    with force_locale("ar"):
        fields = validate_company({"name": None, "colour": "red"})
    assert fields == {"name": "اسم الشركة مطلوب.", "colour": "حقل غير معروف أو للقراءة فقط."}
    missing = client.get("/no-such-page", headers=arabic)
    page = missing.get_data(as_text=True)
    assert missing.status_code == 404 and "Not Found" not in page and "requested URL" not in page
    api_en = client.get("/api/v1/audit/999999", headers={"Accept-Language": "en"}).get_json()
    assert api_en["error"]["code"] == "not_found"
    assert api_en["error"]["message"] == "No audit entry 999999."
    api_ar = client.get("/api/v1/audit/999999", headers=arabic).get_json()
    assert api_ar["error"]["code"] == "not_found"
    assert api_ar["error"]["message"] == "لا يوجد قيد تدقيق رقم 999999."


BUILT_IN = ("ap", "einvoice", "invoicing", "payments", "peppol", "wallet")


def test_apps_page_describes_each_plugin_in_the_readers_language(make_company, make_user, login):
    make_user(company=make_company())
    client = login()
    for language, script in (("ar", r"[\u0600-\u06FF]"), ("en", r"^[\x20-\x7E]+$")):
        body = client.get("/apps", headers={"Accept-Language": language}).get_data(as_text=True)
        for name in BUILT_IN:
            row = re.search(rf'<tr id="app-{name}".*?</th>', body, re.S).group(0)
            summary = re.search(r"<small>(.*?)</small>", row, re.S).group(1)
            assert re.search(script, summary), (language, name, summary)
    assert "Accounts payable: purchase orders" in body  # English as the package says it
