"""Schema: the migration builds the tables, indexes and the immutability triggers."""

from sqlalchemy import inspect

from core.api import db


def test_migration_creates_tables_and_list_indexes(app):
    insp = inspect(db.engine)
    tables = set(insp.get_table_names())
    assert {"invoicing_customer", "invoicing_invoice", "invoicing_line", "invoicing_tax"} <= tables
    indexed = {tuple(ix["column_names"]) for ix in insp.get_indexes("invoicing_invoice")}
    assert ("company_id", "status", "id") in indexed
    assert ("company_id", "issue_date", "id") in indexed
    assert ("number",) in indexed
    assert ("company_id", "customer_id") in indexed
