"""Large imports stream: memory stays far below what loading the file would take, progress
is reported while the job runs, and a failure half-way leaves nothing behind."""

import csv
import shutil
import tracemalloc

import pytest
from sqlalchemy import func, select, text

from core.api import db, enqueue_job
from core.models import Job
from plugins.invoicing.importer import JOB, storage
from plugins.invoicing.models import Invoice, Line
from plugins.invoicing.tests.import_files import csv_bytes, row, upload, write_csv

LINES = 20_000


def _stage(app, company, source) -> dict:
    """Put a file where an upload would be stored; return the job's params."""
    token = "0" * 31 + "1"
    target = storage.path_of(company.id, token, "csv")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    return {"token": token, "format": "csv", "filename": source.name}


def _whole_file_peak(path) -> int:
    tracemalloc.start()
    try:
        with path.open(newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == LINES
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.scale  # ~40 s under tracemalloc on a quiet machine: its own step of make test-e2e
def test_20k_line_import_streams_in_bounded_memory(app, company, admin, customer, tmp_path):
    source = tmp_path / "big.csv"
    write_csv(source, LINES, lines_per_invoice=4)
    size = source.stat().st_size
    whole = _whole_file_peak(source)
    params = _stage(app, company, source)

    tracemalloc.start()
    try:
        job = enqueue_job(JOB, params, company_id=company.id, user_id=admin.id)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    job = db.session.get(Job, job.id)
    assert job.status == "completed", job.errors
    assert job.result["invoices"] == LINES // 4 and job.result["lines"] == LINES
    assert db.session.scalar(select(func.count(Line.id))) == LINES
    # Loading the file into rows takes ~10x its size. The import holds one batch of lines at
    # a time, whatever the file's length: it stays under three times the file's size.
    print(f"file {size} B, whole-file load peak {whole} B, import peak {peak} B")
    bound = 3 * size
    assert whole > bound
    assert peak < bound, (peak, size)


def test_progress_is_announced_while_the_import_runs(
    app, client, admin, customer, login, api_token
):
    from core.api import socketio

    login()
    sio = socketio.test_client(app, flask_test_client=client)
    assert sio.is_connected()
    sio.get_received()
    rows = [row(f"P-{n // 2}", f"Line {n}") for n in range(3000)]
    resp = upload(client, api_token(admin), csv_bytes(rows), "progress.csv")
    assert resp.status_code == 202
    events = [e["args"][0] for e in sio.get_received() if e["name"] == "job_progress"]
    counts = [e["processed"] for e in events if e["total"] == 3000]
    assert counts == sorted(counts) and len(set(counts)) >= 3, events
    assert events[-1]["status"] == "completed" and events[-1]["processed"] == 3000
    sio.disconnect()


def test_a_failure_while_writing_removes_every_row_of_the_import(
    app, company, admin, customer, tmp_path
):
    """The database refuses the 2,500th line half-way through: the drafts already written
    by the job (and committed with its progress) are deleted again."""
    rows = [row(f"F-{n // 5}", "fine" if n != 2499 else "poison", "1", "1") for n in range(3000)]
    source = tmp_path / "poison.csv"
    source.write_bytes(csv_bytes(rows))
    _refuse_poison_lines()
    params = _stage(app, company, source)
    job = enqueue_job(JOB, params, company_id=company.id, user_id=admin.id)
    job = db.session.get(Job, job.id)
    assert job.status == "failed"
    assert job.processed >= 1000  # batches were committed before the failure
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Invoice.id))) == 0
    assert db.session.scalar(select(func.count(Line.id))) == 0


def _refuse_poison_lines():
    if db.engine.dialect.name == "postgresql":
        db.session.execute(
            text(
                "CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "IF NEW.description = 'poison' THEN RAISE EXCEPTION 'poisoned line'; END IF; "
                "RETURN NEW; END $$"
            )
        )
        db.session.execute(
            text(
                "CREATE TRIGGER poison BEFORE INSERT ON invoicing_line "
                "FOR EACH ROW EXECUTE FUNCTION poison()"
            )
        )
    else:
        db.session.execute(
            text(
                "CREATE TRIGGER poison BEFORE INSERT ON invoicing_line "
                "WHEN NEW.description = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned line'); END"
            )
        )
    db.session.commit()
