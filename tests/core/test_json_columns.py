"""JSON columns keep a Decimal's own digits: money never passes through a binary float on its
way to the database (job params, audit details, plugin settings) nor on its way back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select, text

from core.api import enqueue_job, hookimpl
from core.db import db
from core.models import AuditEntry, Job

# More significant digits than a double holds (it would read 9876543210987654.0), a value whose
# float is not the number written (0.1 + 0.2 is 0.30000000000000004 in binary), and a scale
# that a float forgets (10.00 would come back as the integer 10).
WRITTEN = {
    "amount": Decimal("9876543210987654.32"),
    "rate": Decimal("0.30"),
    "fee": Decimal("10.00"),
    "tiny": Decimal("-0.000000000001"),
}


def _record(ctx, amount, rate, fee, tiny):
    """Report the params as the job itself received them."""
    return {"types": sorted({type(v).__name__ for v in (amount, rate, fee, tiny)})}


class AmountJobs:
    @hookimpl
    def job_types(self):
        return {"tests.amounts": _record}


@pytest.fixture
def amount_jobs(app):
    app.extensions["ledgerline.plugins"].pm.register(AmountJobs(), name="testamounts")


def _stored_text(table: str, column: str, row_id: int) -> str:
    sql = f"SELECT CAST({column} AS TEXT) FROM {table} WHERE id = :id"  # noqa: S608 (fixed names)
    return db.session.execute(text(sql), {"id": row_id}).scalar_one()


def _assert_exact(values: dict) -> None:
    for name, expected in WRITTEN.items():
        assert isinstance(values[name], Decimal), (name, values[name])
        assert str(values[name]) == str(expected), name


def test_job_params_are_stored_and_read_back_digit_for_digit(amount_jobs, make_company):
    company = make_company()
    job_id = enqueue_job("tests.amounts", dict(WRITTEN), company_id=company.id, user_id=None).id
    stored = _stored_text("core_job", "params", job_id)
    for value in ("9876543210987654.32", "0.30", "10.00"):
        assert value in stored, stored
    db.session.expunge_all()
    job = db.session.get(Job, job_id)
    _assert_exact(job.params)
    assert job.result == {"types": ["Decimal"]}


def test_audit_details_keep_amounts_exact(make_company):
    company = make_company()
    entry = AuditEntry(
        company_id=company.id, action="tests.paid", record_type="test", details=dict(WRITTEN)
    )
    db.session.add(entry)
    db.session.commit()
    entry_id = entry.id
    db.session.expunge_all()
    _assert_exact(db.session.get(AuditEntry, entry_id).details)
    # Integers stay integers and strings stay strings.
    entry = db.session.get(AuditEntry, entry_id)
    entry.details = {"count": 3, "note": "0.1"}
    db.session.commit()
    db.session.expunge_all()
    found = db.session.scalars(select(AuditEntry).where(AuditEntry.id == entry_id)).one()
    assert found.details == {"count": 3, "note": "0.1"}
    assert isinstance(found.details["count"], int)
