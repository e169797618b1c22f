"""Imports that cannot take the system down: validation holds no write transaction, a file
has a line cap stated before upload, an XLSX that would unpack to too much is refused before
openpyxl opens it, and a failure shows users no server path."""

from __future__ import annotations

import io
import logging
import sqlite3
import zipfile

import pytest
from openpyxl import Workbook

from core.api import db, enqueue_job
from core.models import Job
from plugins.invoicing.importer import JOB, rows, storage
from plugins.invoicing.tests.import_files import HEADER, csv_bytes, row, upload

STAGED = "0" * 31 + "7"


@pytest.fixture
def token(admin, api_token):
    return api_token(admin)


def stage(company, data: bytes, fmt: str = "csv") -> dict:
    target = storage.path_of(company.id, STAGED, fmt)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return {"token": STAGED, "format": fmt, "filename": f"staged.{fmt}"}


def run(company, admin, params) -> Job:
    job = enqueue_job(JOB, params, company_id=company.id, user_id=admin.id)
    return db.session.get(Job, job.id)


def lines(n: int) -> bytes:
    return csv_bytes([row(f"INV-{i // 2}") for i in range(n)])


def xlsx(cells: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for values in cells:
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bomb() -> bytes:
    """A valid workbook whose one cell is 30 MB of the same letter: it packs to ~30 KB."""
    base = zipfile.ZipFile(io.BytesIO(xlsx([[v for v in row("INV-1").values()]])))
    huge = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
        '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>' + "A" * (30 * 1024 * 1024) + "</t></is></c>"
        "</row></sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as packed:
        for item in base.infolist():
            data = huge if item.filename == "xl/worksheets/sheet1.xml" else base.read(item)
            packed.writestr(item.filename, data)
    return out.getvalue()


def test_validation_holds_no_transaction_other_writers_wait_on(
    app, company, admin, customer, monkeypatch
):
    seen = []
    parse = rows.parse

    def spy(raw, customers):
        if not seen:
            seen.append(db.session().in_transaction())
            url = app.config["SQLALCHEMY_DATABASE_URI"]
            if url.startswith("sqlite"):  # another writer gets the lock at once
                other = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0)
                other.isolation_level = None
                other.execute("BEGIN IMMEDIATE")
                other.execute("ROLLBACK")
                other.close()
        return parse(raw, customers)

    monkeypatch.setattr(rows, "parse", spy)
    job = run(company, admin, stage(company, lines(4)))
    assert job.status == "completed", job.errors
    assert seen == [False]


@pytest.fixture
def app_config(app_config):
    return {**app_config, "INVOICING_IMPORT_MAX_ROWS": 50}


def test_the_line_cap_is_stated_before_upload(client, admin, login):
    login()
    page = client.get("/invoicing/invoices/import").get_data(as_text=True)
    assert "At most <strong>50 lines</strong> per file" in page
    assert "MB</strong> per file" in page


def test_a_file_over_the_cap_fails_at_once_without_reading_on(
    company, admin, customer, monkeypatch
):
    parsed = []
    parse = rows.parse
    monkeypatch.setattr(rows, "parse", lambda raw, c: parsed.append(1) or parse(raw, c))
    job = run(company, admin, stage(company, lines(5000)))
    assert job.status == "failed"
    assert job.errors == [
        "The file has more than 50 lines; one import takes at most 50. Split it into several files."
    ]
    assert len(parsed) == 50  # the 51st line stopped it: the other 4,949 were never read


def test_the_upload_page_imports_a_file(client, admin, customer, login):
    from tests.support.fixtures import csrf_token

    login()
    token = csrf_token(client, "/invoicing/invoices/import")
    resp = client.post(
        "/invoicing/invoices/import",
        data={"csrf_token": token, "file": (io.BytesIO(lines(4)), "march.csv")},
        content_type="multipart/form-data",
    )
    assert resp.status_code == 302 and "/jobs/" in resp.headers["Location"]
    job_page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "completed" in job_page
    # Import pressed without a file: the reader's language says what to do, nothing is queued.
    empty = {"csrf_token": token, "file": (io.BytesIO(b""), "")}
    resp = client.post("/invoicing/invoices/import", data=empty, headers={"Accept-Language": "ar"})
    assert resp.status_code == 400 and "اختر ملف" in resp.get_data(as_text=True)


def test_an_xlsx_bomb_is_refused_before_openpyxl_opens_it(
    app, client, token, company, admin, customer, monkeypatch
):
    import openpyxl

    def never(*args, **kwargs):
        raise AssertionError("openpyxl opened the bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    data = bomb()
    assert len(data) < 1024 * 1024
    resp = upload(client, token, data, "bomb.xlsx")
    assert resp.status_code == 413
    message = resp.get_json()["error"]["message"]
    assert "unpacks to" in message and "times its packed size" in message
    # Staged by other means (or an older upload), the job refuses it the same way.
    job = run(company, admin, stage(company, data, "xlsx"))
    assert job.status == "failed" and "times its packed size" in job.errors[0]


def test_an_xlsx_that_unpacks_past_the_limit_is_refused(app, client, token, customer):
    app.config["INVOICING_IMPORT_MAX_UNPACKED_BYTES"] = 20_000
    data = xlsx([list(row(f"INV-{i}", f"Item number {i}").values()) for i in range(300)])
    resp = upload(client, token, data, "big.xlsx")
    assert resp.status_code == 413
    assert "more than the import limit of" in resp.get_json()["error"]["message"]


def test_a_failed_import_shows_users_no_server_path(app, company, admin, customer, caplog):
    target = storage.path_of(company.id, STAGED, "csv")
    target.mkdir(parents=True)  # reading it fails with an error that names the path
    params = {"token": STAGED, "format": "csv", "filename": "march.csv"}
    with caplog.at_level(logging.ERROR, "ledgerline.invoicing.import"):
        job = run(company, admin, params)
    assert job.status == "failed"
    shown = " ".join(job.errors)
    assert app.instance_path not in shown and STAGED not in shown
    assert "problem on our side" in shown and str(job.id) in shown
    assert str(target) in caplog.text


def test_jobs_api_refuses_import_params_that_no_upload_made(api):
    resp = api.post(
        "/api/v1/jobs",
        json={"name": JOB, "params": {"token": "../../etc/passwd", "format": "csv"}},
    )
    assert resp.status_code == 422
    assert resp.get_json()["error"]["details"]["fields"] == {
        "token": "must be the reference of an uploaded file"
    }


def test_the_upload_page_refuses_a_file_over_the_size_limit_unread(app, client, admin, login):
    from tests.support.fixtures import csrf_token

    app.config["INVOICING_IMPORT_MAX_BYTES"] = 1024
    login()
    token = csrf_token(client, "/invoicing/invoices/import")
    resp = client.post(
        "/invoicing/invoices/import",
        data={"csrf_token": token, "file": (io.BytesIO(b"x" * 200_000), "big.csv")},
        content_type="multipart/form-data",
    )
    assert resp.status_code == 413
    assert "larger than the import limit" in resp.get_data(as_text=True)
