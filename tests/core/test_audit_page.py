"""/audit: the audit log as a page (issue 13: there was none), filtered by user, kind of record,
one record and date, reachable from a record's page and from the menu."""

from __future__ import annotations

import datetime as dt

import pytest

from core.api import db
from core.models.audit import AuditEntry


@pytest.fixture
def log(make_company, make_user):
    acme, globex = make_company(), make_company(name="Globex FZE", trn="100555666700003")
    admin = make_user(company=acme)
    clerk = make_user(email="clerk@acme.ae", company=acme, role="FINANCE_USER")
    old = dt.datetime(2026, 1, 10, 9, 0)
    rows = [
        (acme, admin, "InvoiceCreated", "invoice", "7", old),
        (acme, clerk, "PaymentRecorded", "payment", "3", old + dt.timedelta(days=40)),
        (acme, admin, "CustomerCreated", "customer", "2", old + dt.timedelta(days=41)),
        (globex, None, "InvoiceCreated", "invoice", "99", old),
    ]
    for company, user, action, kind, record, when in rows:
        db.session.add(
            AuditEntry(
                company_id=company.id,
                user_id=user.id if user else None,
                actor_label=user.email if user else "system",
                action=action,
                record_type=kind,
                record_id=record,
                details={},
                created_at=when,
            )
        )
    db.session.commit()
    return {"admin": admin, "clerk": clerk}


def _ids(html: str) -> int:
    return html.count("data-audit-id=")


def test_audit_page_lists_the_company_entries_only(client, login, log):
    login()
    page = client.get("/audit")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'href="/audit"' in html  # in the menu
    assert _ids(html) == 3 and "clerk@acme.ae" in html


def test_filters_by_user_kind_record_and_date(client, login, log):
    login()
    by_clerk = client.get(f"/audit?user_id={log['clerk'].id}").get_data(as_text=True)
    assert _ids(by_clerk) == 1 and "PaymentRecorded" in by_clerk
    invoices = client.get("/audit?record_type=invoice").get_data(as_text=True)
    assert _ids(invoices) == 1
    one = client.get("/audit?record_type=customer&record_id=2").get_data(as_text=True)
    assert _ids(one) == 1 and "Showing one record only." in one
    february = client.get("/audit?date_from=2026-02-01&date_to=2026-02-28").get_data(as_text=True)
    assert _ids(february) == 2
    assert client.get("/audit?date_from=2026-02-31").status_code == 400


def test_finance_users_read_it(client, login, log):
    login("clerk@acme.ae")
    assert client.get("/audit").status_code == 200
