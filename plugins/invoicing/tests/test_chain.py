"""Integrity: the database refuses edits of finalized documents, the chain names tampering,
and parallel finalization neither forks the chain nor skips a number."""

import os
import threading
import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from core.api import db
from plugins.invoicing.models import Invoice
from plugins.invoicing.services import drafts, finalize
from plugins.invoicing.tests.helpers import draft_payload, raw_sql


def _finalized(company, customer, **extra):
    invoice = drafts.create(company.id, draft_payload(customer.id, **extra))
    db.session.commit()
    finalize.finalize(invoice)
    db.session.commit()
    return invoice


def _refused(sql, **params):
    with pytest.raises(DBAPIError, match="invoice_not_draft"):
        raw_sql(sql, **params)
    db.session.rollback()


def test_database_refuses_changes_to_finalized_invoice(company, customer):
    inv = _finalized(company, customer)
    _refused("UPDATE invoicing_invoice SET total = 1 WHERE id = :id", id=inv.id)
    _refused("UPDATE invoicing_invoice SET notes = 'x' WHERE id = :id", id=inv.id)
    _refused("UPDATE invoicing_invoice SET status = 'DRAFT' WHERE id = :id", id=inv.id)
    _refused("UPDATE invoicing_invoice SET status = 'SENT' WHERE id = :id", id=inv.id)
    _refused("DELETE FROM invoicing_invoice WHERE id = :id", id=inv.id)
    _refused("UPDATE invoicing_line SET quantity = 5 WHERE invoice_id = :id", id=inv.id)
    _refused("DELETE FROM invoicing_line WHERE invoice_id = :id", id=inv.id)
    _refused("DELETE FROM invoicing_tax WHERE invoice_id = :id", id=inv.id)
    _refused(
        "INSERT INTO invoicing_line (company_id, invoice_id, position, description, quantity,"
        " unit_code, unit_price, allowance, tax_category, tax_rate)"
        " VALUES (:c, :id, 9, 'sneaky', 1, 'C62', 1, 0, 'S', 5)",
        c=company.id,
        id=inv.id,
    )


def test_database_allows_status_moves_and_payment_updates(company, customer):
    inv = _finalized(company, customer)
    raw_sql("UPDATE invoicing_invoice SET status = 'APPROVED' WHERE id = :id", id=inv.id)
    raw_sql(
        "UPDATE invoicing_invoice SET payment_status = 'partial', amount_due = 10 WHERE id = :id",
        id=inv.id,
    )
    raw_sql("UPDATE invoicing_invoice SET status = 'SENT' WHERE id = :id", id=inv.id)
    raw_sql("UPDATE invoicing_invoice SET status = 'VOID' WHERE id = :id", id=inv.id)
    row = raw_sql("SELECT status, payment_status FROM invoicing_invoice WHERE id = :id", id=inv.id)
    assert tuple(row.one()) == ("VOID", "partial")


def _bypass_trigger():
    if db.engine.dialect.name == "postgresql":
        raw_sql("ALTER TABLE invoicing_invoice DISABLE TRIGGER invoicing_invoice_frozen")
    else:
        raw_sql("DROP TRIGGER invoicing_invoice_frozen")


def test_tampering_is_named_by_api_and_cli(app, api, company, customer):
    first = _finalized(company, customer)
    second = _finalized(company, customer)
    third = _finalized(company, customer)
    assert api.get("/api/v1/chain/verify").get_json()["ok"] is True
    _bypass_trigger()
    raw_sql("UPDATE invoicing_invoice SET total = 1.00 WHERE id = :id", id=second.id)
    db.session.expire_all()

    report = api.get("/api/v1/chain/verify").get_json()
    assert report["ok"] is False and report["checked"] == 1
    assert report["broken_at"]["number"] == second.number
    one = api.get(f"/api/v1/invoices/{second.id}/verify").get_json()
    assert one["hash"]["ok"] is False and one["signature"]["ok"] is True
    assert api.get(f"/api/v1/invoices/{first.id}/verify").get_json()["ok"] is True
    later = api.get(f"/api/v1/invoices/{third.id}/verify").get_json()
    assert later["hash"]["ok"] is True and later["chain"]["ok"] is False

    result = app.test_cli_runner().invoke(args=["invoicing", "verify"])
    assert result.exit_code == 1
    assert f"BROKEN at {second.number}" in result.output


@pytest.mark.parametrize(
    ("column", "value"),
    [("buyer_name", "Someone Else LLC"), ("buyer_trn", "100111222300003"), ("buyer_city", "Ajman")],
)
def test_editing_the_buyer_snapshot_breaks_the_chain(api, company, customer, column, value):
    first = _finalized(company, customer)
    second = _finalized(company, customer)
    assert api.get("/api/v1/chain/verify").get_json()["ok"] is True
    _bypass_trigger()
    sql = f"UPDATE invoicing_invoice SET {column} = :v WHERE id = :id"  # noqa: S608 (constants)
    raw_sql(sql, v=value, id=second.id)
    db.session.expire_all()

    report = api.get("/api/v1/chain/verify").get_json()
    assert report["ok"] is False and report["broken_at"]["number"] == second.number
    assert api.get(f"/api/v1/invoices/{second.id}/verify").get_json()["hash"]["ok"] is False
    assert api.get(f"/api/v1/invoices/{first.id}/verify").get_json()["ok"] is True


def test_database_refuses_changes_to_the_new_pint_ae_columns(company, customer):
    inv = _finalized(company, customer)
    _refused("UPDATE invoicing_invoice SET buyer_legal_id = 'X' WHERE id = :id", id=inv.id)
    _refused("UPDATE invoicing_invoice SET credit_reason = 'VD' WHERE id = :id", id=inv.id)
    _refused("UPDATE invoicing_line SET gtin = '5790000435968' WHERE invoice_id = :id", id=inv.id)


def test_cli_reports_ok(app, company, customer):
    _finalized(company, customer)
    result = app.test_cli_runner().invoke(args=["invoicing", "verify"])
    assert result.exit_code == 0 and "OK (1 documents)" in result.output


def test_parallel_finalization_never_forks_or_skips(app, company, customer):
    ids = []
    for _ in range(8):
        ids.append(drafts.create(company.id, draft_payload(customer.id)).id)
    db.session.commit()
    errors = []

    def work(invoice_id):
        with app.app_context():
            try:
                finalize.finalize(db.session.get(Invoice, invoice_id))
                db.session.commit()
            except Exception as exc:  # collected and asserted below
                errors.append(repr(exc))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=work, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    db.session.expire_all()
    rows = db.session.execute(
        text("SELECT number, chain_seq, hash, prev_hash FROM invoicing_invoice ORDER BY chain_seq")
    ).all()
    assert sorted(r.number for r in rows) == [f"INV/2026/{n:05d}" for n in range(1, 9)]
    assert [r.chain_seq for r in rows] == list(range(1, 9))
    assert [r.prev_hash for r in rows] == [None] + [r.hash for r in rows[:-1]]
    from plugins.invoicing.chain import verify_company

    assert verify_company(company.id).ok
    for invoice_id in ids:  # checked before the lock under a guessed number, sealed numbered
        _assert_sealed_xml_is_the_export(db.session.get(Invoice, invoice_id))


def _assert_sealed_xml_is_the_export(invoice):
    from plugins.invoicing import einvoice_xml, mapping
    from plugins.invoicing.services.einvoice_gate import sealed_profile

    xml = einvoice_xml.render(mapping.to_document(invoice), sealed_profile(invoice))
    assert einvoice_xml.sha256(xml) == invoice.xml_hash, invoice.number
    assert f"<cbc:ID>{invoice.number}</cbc:ID>".encode() in xml


def test_finalizing_twice_in_parallel_finalizes_once(app, company, customer):
    invoice_id = drafts.create(company.id, draft_payload(customer.id)).id
    db.session.commit()
    outcomes = []

    def work():
        with app.app_context():
            try:
                finalize.finalize(db.session.get(Invoice, invoice_id))
                db.session.commit()
                outcomes.append("ok")
            except Exception as exc:
                outcomes.append(getattr(exc, "code", repr(exc)))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["invoice_not_draft", "ok"]
    count = db.session.execute(text("SELECT last_value FROM core_sequence")).scalar_one()
    assert count == 1


@pytest.mark.skipif(
    os.environ.get("LEDGERLINE_TEST_DB", "sqlite") == "sqlite",
    reason="cannot happen on SQLite: verification's BEGIN IMMEDIATE holds finalizations off",
)
def test_a_document_finalized_during_verification_is_not_reported_missing(
    app, company, customer, monkeypatch
):
    """Verification reads the chain while colleagues keep finalizing: a document committed
    after the walk read its rows (with a newer chain head) is not a break."""
    from plugins.invoicing import chain

    _finalized(company, customer)
    later = drafts.create(company.id, draft_payload(customer.id)).id
    db.session.commit()
    walk = chain.finalized_in_order

    def finalize_elsewhere():
        with app.app_context():  # another request: its own session, committed meanwhile
            finalize.finalize(db.session.get(Invoice, later))
            db.session.commit()
            db.session.remove()

    def rows_then_a_colleague_finalizes(*args, **kwargs):
        yield from walk(*args, **kwargs)
        worker = threading.Thread(target=finalize_elsewhere)
        worker.start()
        worker.join(60)

    monkeypatch.setattr(chain, "finalized_in_order", rows_then_a_colleague_finalizes)
    report = chain.verify_company(company.id)
    assert report.ok, report.broken_at
    assert report.checked == 1
    monkeypatch.undo()
    db.session.rollback()  # end this session's read, as the next request would
    assert chain.verify_company(company.id).checked == 2


def test_a_save_made_while_finalize_queues_for_the_chain_is_refused(
    app, company, customer, monkeypatch
):
    """Finalize reads and checks the draft before it queues for the company's chain lock,
    holding the draft's row: a colleague's save arriving meanwhile waits, then is refused as
    for any finalized invoice (409, not a 500), and what is sealed is what was checked."""
    invoice_id = drafts.create(company.id, draft_payload(customer.id, notes="as checked")).id
    db.session.commit()
    finalizer, go_on, outcomes = _finalize_paused_before_the_chain_lock(
        app, invoice_id, monkeypatch
    )

    def save(invoice):
        drafts.update(invoice, {"notes": "edited meanwhile"})

    editor = threading.Thread(target=_request, args=(app, Invoice, invoice_id, save, outcomes))
    editor.start()
    _until_a_statement_waits_for_a_lock()
    go_on.set()
    finalizer.join(60)
    editor.join(60)
    # Both threads report after the finalize's commit, in either order; the save was refused,
    # and the sealed notes below show that the finalize committed first.
    assert sorted(outcomes) == ["invoice_not_draft", "ok"]
    db.session.expire_all()
    sealed = db.session.get(Invoice, invoice_id)
    assert (sealed.status, sealed.notes, sealed.version) == ("FINALIZED", "as checked", 1)
    from plugins.invoicing.chain import verify_company

    assert verify_company(company.id).ok
    _assert_sealed_xml_is_the_export(sealed)


def _until_a_statement_waits_for_a_lock():
    """PostgreSQL: until the save's UPDATE queues behind the draft's row lock. (On SQLite the
    save's BEGIN IMMEDIATE waits for the finalizing transaction, out of sight.)"""
    if db.engine.dialect.name != "postgresql":
        return
    waiting = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock'"
    )
    for _ in range(600):
        if db.session.execute(waiting).scalar_one():
            db.session.rollback()
            return
        db.session.rollback()
        time.sleep(0.05)
    raise AssertionError("the save never waited for the draft's lock")


def _request(app, model, record_id, work, outcomes):
    """``work(record)`` and commit as another request (its own session); appends "ok" or
    the refusal's code to ``outcomes``."""
    with app.app_context():
        try:
            work(db.session.get(model, record_id))
            db.session.commit()
            outcomes.append("ok")
        except Exception as exc:  # collected and asserted by the test
            outcomes.append(getattr(exc, "code", repr(exc)))
        finally:
            db.session.remove()


def _finalize_paused_before_the_chain_lock(app, invoice_id, monkeypatch):
    """(thread, go_on, outcomes): a finalize of ``invoice_id`` in another request that has
    read and checked the draft and waits for ``go_on`` before queueing for the chain lock."""
    checked, go_on, outcomes = threading.Event(), threading.Event(), []
    take_lock = finalize.lock_chain

    def queue_after_the_checks(company_id):
        checked.set()
        go_on.wait(30)
        return take_lock(company_id)

    monkeypatch.setattr(finalize, "lock_chain", queue_after_the_checks)
    db.session.rollback()  # SQLite: this session's read would hold the write lock
    args = (app, Invoice, invoice_id, finalize.finalize, outcomes)
    worker = threading.Thread(target=_request, args=args)
    worker.start()
    assert checked.wait(30)
    return worker, go_on, outcomes


def test_a_customer_renamed_while_a_credit_note_queues_is_sealed_as_checked(
    app, company, customer, monkeypatch
):
    """The buyer snapshot is taken with the checks, before the chain lock: a customer edit
    committed while the credit note waits for the lock (which re-reads the corrected invoice
    and so its customer) is not half-sealed: snapshot, hash and signed XML agree."""
    from plugins.invoicing.models import Customer
    from plugins.invoicing.services import customers, transitions

    customer_id, original = customer.id, _finalized(company, customer)
    note_id = transitions.credit_note(original, {"credit_reason": "DL8.61.1.A"}).id
    db.session.commit()
    finalizer, go_on, outcomes = _finalize_paused_before_the_chain_lock(app, note_id, monkeypatch)

    def rename(buyer):
        customers.update(buyer, {"name": "Renamed Buyer LLC"})

    editor = threading.Thread(target=_request, args=(app, Customer, customer_id, rename, outcomes))
    editor.start()
    if db.engine.dialect.name == "postgresql":
        editor.join(60)  # committed while the credit note waits (SQLite: it waits for it)
    go_on.set()
    finalizer.join(60)
    editor.join(60)
    assert outcomes == ["ok", "ok"]
    db.session.expire_all()
    note = db.session.get(Invoice, note_id)
    assert note.buyer_name == "Gulf Buyer LLC"  # as it was when checked
    from plugins.invoicing.chain import verify_company

    assert verify_company(company.id).ok
    _assert_sealed_xml_is_the_export(note)
