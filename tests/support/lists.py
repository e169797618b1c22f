"""Helpers for the tests of declared lists (core.listing.ListSpec pages): rows as the user
sees them, "Next" walks, downloads read back, and an EXPLAIN check of every query a page ran."""

from __future__ import annotations

import csv
import html as htmllib
import io
import re
from contextlib import contextmanager

from sqlalchemy import event


def page(client, path: str, status: int = 200) -> str:
    resp = client.get(path)
    assert resp.status_code == status, resp.get_data(as_text=True)[:500]
    return resp.get_data(as_text=True)


def ids(html: str) -> list[int]:
    """Row ids in table order."""
    return [int(n) for n in re.findall(r'<tr [^>]*data-row-id="(\d+)"', html)]


def link(html: str, rel: str) -> str | None:
    found = re.search(rf'<a href="([^"]+)"[^>]*rel="{rel}"', html)
    return htmllib.unescape(found.group(1)) if found else None


def cells(html: str, row_id: int) -> list[str]:
    """The text of each cell of one row (the tick box first)."""
    row = re.search(rf'<tr [^>]*data-row-id="{row_id}"[^>]*>(.*?)</tr>', html, re.S).group(1)
    found = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    return [htmllib.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in found]


def walk(client, path: str, most: int = 50) -> list[int]:
    """Follow "Next" from ``path`` to the end; the ids seen, in order."""
    seen = []
    while path:
        html = page(client, path)
        seen += ids(html)
        path = link(html, "next")
        assert len(seen) <= most
    return seen


def csv_rows(resp) -> list[list[str]]:
    assert resp.status_code == 200 and resp.mimetype == "text/csv", resp.status_code
    return list(csv.reader(io.StringIO(resp.get_data(as_text=True).lstrip("\ufeff"))))


def xlsx_rows(resp) -> list[tuple]:
    from openpyxl import load_workbook

    assert resp.status_code == 200, resp.status_code
    return list(load_workbook(io.BytesIO(resp.get_data())).active.iter_rows(values_only=True))


def full_scans(statement, parameters, tables) -> list[str]:
    """Plan lines reading one of ``tables`` whole, without an index (SQLite: a SCAN not
    using an index, or a Bloom filter built over a joined table for every run of the query;
    PostgreSQL, sequential scans disabled: a Seq Scan, i.e. no index path)."""
    from core.api import db

    names = "|".join(tables)
    conn = db.session.connection()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        plan = [r[0] for r in conn.exec_driver_sql("EXPLAIN " + statement, parameters)]
        db.session.rollback()
        return [line for line in plan if re.search(rf"Seq Scan on ({names})\b", line)]
    plan = [r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
    db.session.rollback()
    # A table under the ORM's alias (``ap_vendor_1`` of a joinedload) counts as the table.
    table = rf"({names})(_\d+)?\b"
    pattern = rf"^(SCAN {table}(?! USING (COVERING )?INDEX)|BLOOM FILTER ON {table})"
    return [line for line in plan if re.search(pattern, line)]


def analyze() -> None:
    """SQLite's table statistics, as a maintained database has them: SQLite plans some joins
    differently with them (a Bloom filter over the joined table is one). On a handful of rows
    they also make a SCAN the cheaper plan, so a test asks for them only where it means to."""
    from sqlalchemy import text

    from core.api import db

    if db.engine.dialect.name == "sqlite":
        db.session.execute(text("ANALYZE"))
        db.session.commit()


def double_rows(model, unique: str, times: int) -> None:
    """A busy book in milliseconds: ``model``'s rows copied ``times`` times over (2 ** times
    as many), each copy's ``unique`` column (text) told apart by its round and source id."""
    from sqlalchemy import String, cast, insert, select

    from core.api import db

    table = model.__table__
    copied = [c for c in table.c if c.key != "id"]
    for n in range(times):
        mark = table.c[unique].concat(f"/{n}-").concat(cast(table.c.id, String))
        shown = [mark if c.key == unique else c for c in copied]
        db.session.execute(insert(table).from_select(copied, select(*shown)))
    db.session.commit()


def assert_reads_indexes(client, path: str, tables) -> str:
    """Load ``path`` and EXPLAIN every SELECT it ran on ``tables``: none reads one whole."""
    from core.api import db

    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and any(t in statement for t in tables):
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        html = page(client, path)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert seen, path
    for statement, parameters in seen:
        scans = full_scans(statement, parameters, tables)
        assert not scans, (path, scans, statement)
    return html


def sort_cases(keys) -> list[tuple[str, str]]:
    """Every sort key in both directions: one test walks them all on one set of records
    (the records are made once, not once per column and direction)."""
    return [(key, direction) for key in keys for direction in ("", "-")]


@contextmanager
def case(**names):
    """Name the case in a failure raised inside a loop of cases."""
    try:
        yield
    except AssertionError as failure:
        raise AssertionError(f"{names}: {failure}") from failure


def assert_sort_walks(client, path: str, sort: str, expected, first_limit=None) -> list[int]:
    """The page sorted by ``sort`` holds exactly the ``expected`` ids, and walking it one row a
    page by keyset ("Next") gives the same rows in the same order: nothing skipped or twice."""
    url = f"{path}{'&' if '?' in path else '?'}sort={sort}"
    whole = ids(page(client, url + (f"&limit={first_limit}" if first_limit else "")))
    assert sorted(whole) == sorted(expected)
    assert walk(client, url + "&limit=1") == whole
    return whole


def assert_every_sort_walks(client, path: str, keys, expected, first_limit=None) -> None:
    """``assert_sort_walks`` for every key in both directions, a failure naming its case."""
    for key, direction in sort_cases(keys):
        with case(sort=direction + key):
            assert_sort_walks(client, path, direction + key, expected, first_limit)


_BOOKKEEPING = re.compile(r"\b(FROM|UPDATE) (core_user|core_company|core_api_token)\b")


def statements(get, path: str) -> list[tuple]:
    """(statement, parameters) of every SQL statement one ``get(path)`` ran (200 expected),
    leaving out the caller's own user, company and token rows (read once per session and
    stamped at most once a minute, whatever the page shows)."""
    from core.api import db

    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if not _BOOKKEEPING.search(statement):
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        resp = get(path)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert resp.status_code == 200, resp.get_data(as_text=True)[:500]
    return seen


def assert_api_list_flat(api, path: str, rows: int, tables=()) -> None:
    """The API list ``path`` runs as many statements for ``rows - 1`` rows as for ``rows``
    (what each row shows is loaded for the whole page at once, never a query per row), and
    no SELECT it runs reads one of ``tables`` whole."""
    sep = "&" if "?" in path else "?"
    statements(api.get, f"{path}{sep}limit=1")  # warm: the token's stamp, caches
    few = statements(api.get, f"{path}{sep}limit={rows - 1}")
    many = statements(api.get, f"{path}{sep}limit={rows}")
    assert len(api.get(f"{path}{sep}limit={rows}").get_json()["data"]) == rows, path
    assert len(few) == len(many), (path, [s for s, _ in few], [s for s, _ in many])
    for statement, parameters in many:
        if statement.lstrip().upper().startswith("SELECT") and any(t in statement for t in tables):
            scans = full_scans(statement, parameters, tables)
            assert not scans, (path, scans, statement)


def page_statement(get, path: str, table: str) -> tuple:
    """(statement, parameters) of the page query ``get(path)`` ran on ``table``: the SELECT
    reading it in an order, a page at a time (not a capped count's own statement; a plain-row
    page may carry its count as a subquery column, ``core.listing.counting.counted_page``)."""
    found = [
        (statement, parameters)
        for statement, parameters in statements(get, path)
        if re.search(rf"\bFROM {table}\b", statement)
        and "ORDER BY" in statement
        and "LIMIT" in statement
        and not re.match(r"\s*SELECT count\(", statement)  # the capped count's own statement
    ]
    assert found, (path, table)
    return found[0]


def company_plan_faults(statement, parameters, table: str, ordered: bool = True) -> list[str]:
    """What is wrong with how the page query reads ``table`` for one company: it must start at
    that company's rows, an index lookup on ``company_id`` (never an index walked through
    every company's rows, ``company_id`` checked row by row), and, when ``ordered``, return
    them in the page's order from that index (no sort). PostgreSQL plans with sequential scans
    and sorts disabled, so the plan shows whether such an index path exists whatever the
    table's size and statistics; SQLite's plan is read as it is. [] when none."""
    from core.api import db

    conn = db.session.connection()
    if conn.dialect.name == "sqlite":
        plan = [r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
        db.session.rollback()
        faults = [] if any(
            re.match(rf"SEARCH {table} USING (COVERING )?INDEX \w+ \(company_id=\?", line)
            for line in plan
        ) else [f"{table} not read by company_id: {plan}"]  # fmt: skip
        if ordered and any("USE TEMP B-TREE FOR ORDER BY" in line for line in plan):
            faults.append(f"sorted after reading: {plan}")
        return faults
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    conn.exec_driver_sql("SET LOCAL enable_sort = off")
    plan = [r[0] for r in conn.exec_driver_sql("EXPLAIN " + statement, parameters)]
    db.session.rollback()
    return _pg_faults(plan, table, ordered)


def _pg_faults(plan: list[str], table: str, ordered: bool) -> list[str]:
    """Each plan node with its detail lines; the nodes reading ``table`` must look it up by
    ``company_id`` (an Index Cond, never a Filter), and no node may sort when ``ordered``."""
    nodes: list[list[str]] = []
    for line in plan:
        if "(cost=" in line or not nodes:  # a node's first line; its details follow
            nodes.append([line.strip()])
        else:
            nodes[-1].append(line.strip())
    faults = []
    reads = [n for n in nodes if re.search(rf"Scan.* on {table}\b", n[0])]
    for node in reads:
        looked_up = any(re.match(r"(Index|Recheck) Cond: .*\bcompany_id\b", d) for d in node)
        if not looked_up or any(re.match(r"Filter: .*\bcompany_id\b", d) for d in node):
            faults.append(" / ".join(node))  # walked through other companies' rows
    if ordered:
        faults += [
            f"sorted: {n[0]}" for n in nodes if re.match(r"(->\s*)?(Incremental )?Sort\b", n[0])
        ]
    return faults if reads else [f"{table} not in the plan: {plan}"]


def assert_company_plan(get, path: str, table: str, ordered: bool = True) -> None:
    statement, parameters = page_statement(get, path, table)
    faults = company_plan_faults(statement, parameters, table, ordered)
    assert not faults, (path, faults, statement)
