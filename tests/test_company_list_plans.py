"""Several companies in one database: every list page and API list of an older, smaller
company reads that company's rows from an index, in the list's order, never the primary key
walked backwards through the newer companies' rows (EXPLAIN on both databases).

The older company is made first, so all its rows have lower ids than the newer company's:
"newest first" by ``id`` is where PostgreSQL walked the primary key (issue 14: 400,000 rows
skipped for one page). ``tests.support.lists.company_plan_faults`` explains each page query
with sequential scans and sorts disabled, so the plan shows which ordered index path exists,
whatever the tables' size and statistics. The records are made once, by the benchmarks' bulk
seeders, and every list is checked on them.
"""

from __future__ import annotations

import pytest

from tests.support.lists import assert_company_plan, case, ids, link, page

# (path, table the page reads, ordered: the index gives the page's order, no sort)
PAGES = [
    ("/invoicing/invoices?sort=-id", "invoicing_invoice", True),
    ("/invoicing/invoices", "invoicing_invoice", True),
    ("/invoicing/customers?sort=-id", "invoicing_customer", True),
    ("/payments/?sort=-id", "payments_payment", True),
    ("/payments/", "payments_payment", True),
    ("/payments/refunds?status=", "payments_refund", True),
    ("/ap/bills", "ap_bill", True),
    ("/ap/purchase-orders", "ap_purchase_order", True),
    ("/ap/vendors?sort=-id", "ap_vendor", True),
    ("/peppol/", "peppol_transmission", True),
    ("/wallet/requests", "wallet_payment_request", True),
]
API = [
    ("/api/v1/invoices", "invoicing_invoice", True),
    ("/api/v1/customers", "invoicing_customer", False),  # by name: (company_id, name) index
    ("/api/v1/payments", "payments_payment", True),
    ("/api/v1/refunds", "payments_refund", True),
    ("/api/v1/bills", "ap_bill", True),
    ("/api/v1/purchase-orders", "ap_purchase_order", True),
    ("/api/v1/vendors", "ap_vendor", False),  # by name
    ("/api/v1/peppol/transmissions", "peppol_transmission", True),
    ("/api/v1/wallet/payment-requests", "wallet_payment_request", True),
]
OLD, NEW = 6, 40  # rows of each list


def _seed(company, count: int) -> None:
    from sqlalchemy import select

    from benchmarks import common, seed_lists
    from core.api import db
    from plugins.invoicing.models import Invoice

    customer = common.seed_customer(company.id)
    common.bulk_invoices(company.id, customer.id, count)
    mine = select(Invoice.id).where(Invoice.company_id == company.id).order_by(Invoice.id)
    seed_lists.seed(company.id, customer.id, list(db.session.scalars(mine)), count)
    seed_lists.refunds(company.id, count)


@pytest.fixture
def companies(app, make_company, make_user):
    """An older company with a few rows of each list, then a newer one with more."""
    old = make_company("Old Oasis Trading LLC", "100111111100003")
    make_user("old@oasis.ae", old)
    _seed(old, OLD)
    _seed(make_company("New Dune Trading LLC", "100222222200003"), NEW)
    return old


def test_an_older_companys_lists_read_its_own_rows_in_order(client, companies, login, api_token):
    from sqlalchemy import select

    from core.api import db
    from core.models import User
    from plugins.ap.models import Bill

    login("old@oasis.ae")
    token = api_token(db.session.scalars(select(User).where(User.email == "old@oasis.ae")).one())
    headers = {"Authorization": f"Bearer {token}"}

    def api_get(path):
        return client.get(path, headers=headers)

    for path, table, ordered in PAGES:
        with case(path=path):
            assert_company_plan(client.get, path, table, ordered)
    for path, table, ordered in API:
        with case(path=path):
            assert_company_plan(api_get, path, table, ordered)
    # What the user sees: the company's own bills, newest first; the next page by cursor
    # reads the same index from where the first page ended.
    mine = db.session.scalars(select(Bill.id).where(Bill.company_id == companies.id)).all()
    newest = sorted(mine, reverse=True)
    assert ids(page(client, "/ap/bills")) == newest
    assert [b["id"] for b in api_get("/api/v1/bills").get_json()["data"]] == newest
    for path, table in (("/ap/bills?limit=2", "ap_bill"),
                        ("/invoicing/invoices?sort=-id&limit=2", "invoicing_invoice")):  # fmt: skip
        nxt = link(page(client, path), "next")
        with case(path=nxt):
            assert_company_plan(client.get, nxt, table)
    assert ids(page(client, link(page(client, "/ap/bills?limit=2"), "next"))) == newest[2:4]
