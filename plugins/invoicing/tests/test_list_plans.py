"""The invoice list's queries read indexes, never a whole table (EXPLAIN on both databases).

Every statement a page runs is captured with its parameters and explained on the same
database: SQLite's EXPLAIN QUERY PLAN must show no ``SCAN`` of the invoice or customer table
without an index; PostgreSQL's EXPLAIN (sequential scans disabled, so the planner shows
whether an index path exists at all, whatever the table's size) no ``Seq Scan`` on them.
"""

import html as htmllib
import re

from sqlalchemy import event

from plugins.invoicing.tests.test_pages_list import book  # noqa: F401  (fixture)
from tests.support.lists import case, full_scans

TABLES = ("invoicing_invoice", "invoicing_customer")
PAGES = [
    "",
    "?q=desert",
    "?q=INV",
    "?q=rose+desert",
    "?q=INV/2026/0000",  # a number-shaped word: looked up by its digits
    "?status=DRAFT",
    "?payment_status=unpaid&sort=-total",
    "?date_from=2026-02-01&date_to=2026-04-10",
    *[f"?sort={d}{k}" for k in ("number", "date", "due", "total", "amount_due") for d in "-"],
    "?sort=status",
    "?sort=payment",
    "?sort=customer",
    "?sort=-customer&customer_id=1",
]


def _captured(client, path):
    from core.api import db

    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if any(t in statement for t in TABLES) and statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        resp = client.get(path)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    return seen, resp.get_data(as_text=True)


def _full_scans(statement, parameters) -> list[str]:
    return full_scans(statement, parameters, TABLES)


def _explain_all(client, path):
    statements, html = _captured(client, path)
    assert statements, path
    for statement, parameters in statements:
        scans = _full_scans(statement, parameters)
        assert not scans, (path, scans, statement)
    return html


def test_list_page_queries_use_indexes(client, book):  # noqa: F811
    for query in PAGES:  # one set of records for every page (a failure names its query)
        with case(query=query):
            _explain_all(client, f"/invoicing/invoices{query}")


def test_next_page_by_cursor_uses_indexes(client, book):  # noqa: F811
    for sort in ("-date", "total", "number"):
        html = _explain_all(client, f"/invoicing/invoices?sort={sort}&limit=2")
        link = htmllib.unescape(re.search(r'<a href="([^"]+)"[^>]*rel="next"', html).group(1))
        _explain_all(client, link)


def test_api_list_queries_use_indexes(client, book, admin, api_token):  # noqa: F811
    headers = {"Authorization": f"Bearer {api_token(admin)}"}
    from core.api import db

    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if "invoicing_invoice" in statement and statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        for query in ("", "?sort=-total", "?q=desert", "?status=FINALIZED&sort=due_date"):
            assert client.get(f"/api/v1/invoices{query}", headers=headers).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert seen
    for statement, parameters in seen:
        assert not _full_scans(statement, parameters), statement


def test_the_check_sees_a_full_scan(client, book):  # noqa: F811
    """The detector itself: a query with no usable index is reported."""
    assert _full_scans("SELECT * FROM invoicing_invoice WHERE notes = 'x'", {} if _pg() else ())


def _pg() -> bool:
    from core.api import db

    return db.engine.dialect.name == "postgresql"
