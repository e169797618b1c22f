"""Pages speak the reader's language: Arabic right to left, the header names the user."""

from __future__ import annotations

import re


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
