"""Gapless per-company numbering under concurrency, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import date

import pytest


def _allocate(app, company_id: int, results: list, errors: list, fail: bool = False) -> None:
    from core.db import db
    from core.sequences import next_number

    with app.app_context():
        try:
            number = next_number(company_id, "INV", on=date(2026, 3, 1))
            if fail:
                raise RuntimeError("the document could not be finalized")
            db.session.commit()
            results.append(number)
        except RuntimeError:
            db.session.rollback()
        except Exception as exc:  # any database error is a failure users would see
            errors.append(repr(exc))
        finally:
            db.session.remove()


def _run(app, company_id: int, count: int, failing: set[int] = frozenset()):
    from core.db import db

    # End the test's own transaction first: on SQLite it would hold the write lock.
    db.session.rollback()
    results, errors = [], []
    threads = [
        threading.Thread(target=_allocate, args=(app, company_id, results, errors, i in failing))
        for i in range(count)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results, errors


def test_concurrent_allocations_have_no_duplicates_and_no_gaps(app, make_company):
    from core.sequences import upcoming_number

    company = make_company()
    assert upcoming_number(company.id, "INV", on=date(2026, 3, 1)) == "INV/2026/00001"
    results, errors = _run(app, company.id, 24)
    assert errors == []
    assert sorted(results) == [f"INV/2026/{n:05d}" for n in range(1, 25)]
    # what the next allocation will give, read without taking it
    assert upcoming_number(company.id, "INV", on=date(2026, 3, 1)) == "INV/2026/00025"
    assert upcoming_number(company.id, "INV", on=date(2026, 3, 1)) == "INV/2026/00025"


def test_rolled_back_documents_give_their_number_back(app, make_company):
    company = make_company()
    results, errors = _run(app, company.id, 12, failing={1, 4, 7})
    assert errors == []
    assert sorted(results) == [f"INV/2026/{n:05d}" for n in range(1, 10)]


def test_each_company_and_year_has_its_own_series(app, make_company):
    from core.db import db
    from core.sequences import next_number

    a = make_company(name="A LLC")
    b = make_company(name="B LLC", trn="100999999900003")
    got = [
        next_number(a.id, "INV", on=date(2026, 1, 5)),
        next_number(a.id, "INV", on=date(2026, 2, 5)),
        next_number(b.id, "INV", on=date(2026, 2, 5)),
        next_number(a.id, "INV", on=date(2027, 1, 2)),
        next_number(a.id, "CN", on=date(2026, 2, 5)),
    ]
    db.session.commit()
    assert got == [
        "INV/2026/00001",
        "INV/2026/00002",
        "INV/2026/00001",
        "INV/2027/00001",
        "CN/2026/00001",
    ]


@pytest.mark.parametrize("width", [3, 6])
def test_number_width_is_configurable(app, make_company, width):
    from core.sequences import next_number

    number = next_number(make_company().id, "PAY", on=date(2026, 1, 1), width=width)
    assert number == "PAY/2026/" + "1".zfill(width)
