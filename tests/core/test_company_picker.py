"""The super admin belongs to no company: the Company menu item opens a picker of every
company (it was a 404), each profile is readable, and the invoice list's customer filter tells
same-named customers of different companies apart."""

from __future__ import annotations

import pytest

from core.api import db


@pytest.fixture
def two_companies(make_company, make_user):
    acme = make_company()
    globex = make_company(name="Globex FZE", trn="100555666700003")
    make_user(company=acme)
    make_user(email="root@ledgerline.test", role="SUPER_ADMIN")
    db.session.commit()
    return acme, globex


def test_super_admin_picks_a_company_and_reads_its_profile(client, login, two_companies):
    acme, globex = two_companies
    login("root@ledgerline.test")
    page = client.get("/company")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Acme Trading LLC" in html and "Globex FZE" in html
    assert f'href="/company/{globex.id}"' in html
    profile = client.get(f"/company/{globex.id}")
    text = profile.get_data(as_text=True)
    assert profile.status_code == 200 and "100555666700003" in text
    assert "Edit profile" not in text  # the super admin writes nothing
    assert client.get("/company/999999").status_code == 404


def test_company_users_see_only_their_own_profile(client, login, two_companies):
    acme, globex = two_companies
    login()
    assert "Globex FZE" not in client.get("/company").get_data(as_text=True)
    assert client.get(f"/company/{globex.id}").status_code == 404
    assert client.get(f"/company/{acme.id}").status_code == 302


@pytest.fixture
def same_named(two_companies):
    from core.api import Scope, scoped
    from plugins.invoicing.services import customers

    for company in two_companies:
        with scoped(Scope(company_id=company.id)):
            customers.create(company.id, {"name": "Atlas Freight", "country": "AE"})
    db.session.commit()


def test_customer_filter_names_the_company_for_the_super_admin(client, login, same_named):
    login("root@ledgerline.test")
    for path in ("/invoicing/invoices", "/payments/"):  # the payments list offers the same
        html = client.get(path).get_data(as_text=True)
        assert "Atlas Freight — Acme Trading LLC" in html, path
        assert "Atlas Freight — Globex FZE" in html, path


def test_customer_filter_stays_plain_within_one_company(client, login, same_named):
    login()
    html = client.get("/invoicing/invoices").get_data(as_text=True)
    assert html.count("Atlas Freight") == 1 and "Atlas Freight — " not in html
