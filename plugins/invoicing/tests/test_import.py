"""Bulk import of draft invoices from CSV and XLSX through the API and the job system."""

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from core.api import db
from plugins.invoicing.models import Invoice
from plugins.invoicing.tests.import_files import HEADER, csv_bytes, row, upload


@pytest.fixture
def token(admin, api_token):
    return api_token(admin)


def _count():
    db.session.expire_all()
    return db.session.scalar(select(func.count(Invoice.id)))


def _job(api, resp):
    assert resp.status_code == 202, resp.get_json()
    body = resp.get_json()
    assert resp.headers["Location"] == body["job_url"]
    return api.get(body["job_url"]).get_json()


def test_csv_import_creates_drafts_grouped_by_reference(api, client, token, customer):
    rows = [
        row("A-1", "Consulting", "10", "150.00", tax_category="S"),
        row("A-1", "Export service", "1", "99.99", tax_category="Z", tax_rate="0"),
        row("A-2", "Licence", "3", "10.005", customer_trn="", customer_name="gulf buyer llc"),
        row("A-3", "Support", "2", "50", due_date="2026-03-31", unit_code="HUR"),
    ]
    job = _job(api, upload(client, token, csv_bytes(rows), "march.csv"))
    assert job["status"] == "completed", job
    assert job["result"] == {
        "imported": True,
        "filename": "march.csv",
        "invoices": 3,
        "lines": 4,
    }
    assert (job["total"], job["processed"], job["succeeded"]) == (4, 4, 4)

    listed = api.get("/api/v1/invoices?sort=issue_date&limit=10").get_json()["data"]
    assert len(listed) == 3 and {i["status"] for i in listed} == {"DRAFT"}
    by_total = {i["total"]: i for i in listed}
    first = api.get(f"/api/v1/invoices/{by_total['1674.99']['id']}").get_json()
    assert [ln["description"] for ln in first["lines"]] == ["Consulting", "Export service"]
    assert first["tax_total"] == "75.00" and first["customer_id"] == customer.id
    # Due date from the customer's 14 payment-terms days unless the file gives one.
    assert first["due_date"] == "2026-03-15"
    assert "31.52" in by_total  # 3 x 10.005 = 30.015 -> 30.02 net, + 1.50 VAT
    assert by_total["105.00"]["due_date"] == "2026-03-31"


def test_xlsx_import_reads_typed_cells(api, client, token, customer):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(
        [
            "X-1",
            100987654300003,
            None,
            dt.datetime(2026, 4, 2),
            None,
            "AED",
            "Hours",
            7.5,
            "HUR",
            150.1,
            "S",
            5,
            None,
        ]
    )
    sheet.append(
        [
            "X-1",
            100987654300003,
            None,
            dt.datetime(2026, 4, 2),
            None,
            "AED",
            "Setup",
            1,
            "C62",
            20,
            "S",
            5,
            None,
        ]
    )
    sheet.append([None] * len(HEADER))  # trailing blank rows are ignored
    data = io.BytesIO()
    book.save(data)
    job = _job(api, upload(client, token, data.getvalue(), "april.xlsx"))
    assert job["status"] == "completed", job
    (inv,) = api.get("/api/v1/invoices").get_json()["data"]
    detail = api.get(f"/api/v1/invoices/{inv['id']}").get_json()
    assert detail["issue_date"] == "2026-04-02"
    assert [(ln["quantity"], ln["unit_price"], ln["line_total"]) for ln in detail["lines"]] == [
        ("7.5", "150.1", "1125.75"),
        ("1", "20", "20.00"),
    ]
    assert Decimal(detail["total"]) == Decimal("1203.04")  # 1145.75 + 57.29 (57.2875 rounded)


def test_invalid_rows_are_reported_and_nothing_is_imported(api, client, token, customer):
    rows = [
        row("B-1"),
        row("B-1", quantity="ten"),
        row("B-2", customer_trn="100111111100003"),
        row("B-3", tax_category="E", tax_rate="0"),
        row("B-1", description="back again"),
        row("B-4"),
        row("B-4", issue_date="2026-03-02"),
        row("B-5", unit_code="XYZ", issue_date="01/03/2026"),
    ]
    job = _job(api, upload(client, token, csv_bytes(rows), "bad.csv"))
    assert job["status"] == "failed"
    assert "nothing was imported" in job["errors"][-1]
    result = job["result"]
    assert result["imported"] is False and result["invalid_rows"] == 6, result
    found = {(e["row"], e["column"]) for e in result["errors"]}
    assert found == {
        (3, "quantity"),
        (4, "customer_trn"),
        (5, "exemption_reason"),
        (6, "invoice_ref"),
        (8, "issue_date"),
        (9, "unit_code"),
        (9, "issue_date"),
    }
    messages = {(e["row"], e["column"]): e["message"] for e in result["errors"]}
    assert messages[(3, "quantity")] == "is not a number"
    assert "no customer has the TRN 100111111100003" in messages[(4, "customer_trn")]
    assert "consecutive" in messages[(6, "invoice_ref")]
    assert messages[(8, "issue_date")] == "differs from row 7, the invoice's first row"
    assert "row 3, quantity: is not a number" in job["errors"]
    assert _count() == 0


def test_an_arabic_reader_gets_the_report_in_arabic(api, client, admin, token, customer):
    admin.locale = "ar"
    db.session.commit()
    rows = [row("B-1"), row("B-2"), row("B-1", description="back again"), row("B-3", quantity="x")]
    job = _job(api, upload(client, token, csv_bytes(rows), "bad.csv"))
    assert job["status"] == "failed"
    messages = {(e["row"], e["column"]): e["message"] for e in job["result"]["errors"]}
    assert messages[(4, "invoice_ref")].startswith("يجب أن تكون صفوف الفاتورة الواحدة متتالية")
    assert messages[(5, "quantity")] == "ليس رقمًا"
    assert "الصف 5، quantity: ليس رقمًا" in job["errors"]  # the file's column keeps its name
    assert _count() == 0


def test_a_bad_header_fails_the_job_with_a_clear_message(api, client, token, customer):
    data = b"ref,amount\nA,1\n"
    job = _job(api, upload(client, token, data, "wrong.csv"))
    assert job["status"] == "failed"
    assert "lacks the column(s) invoice_ref, issue_date, description" in job["errors"][-1]
    assert _count() == 0


def test_upload_refusals_are_json_errors(app, api, client, token, customer):
    def refused(resp, status, code):
        assert resp.status_code == status, resp.get_data(as_text=True)
        assert resp.get_json()["error"]["code"] == code
        return resp.get_json()["error"]["message"]

    assert "csv" in refused(
        upload(client, token, b"%PDF-1.7", "scan.pdf"), 415, "unsupported_media_type"
    )
    refused(upload(client, token, b"plain text", "renamed.xlsx"), 415, "unsupported_media_type")
    refused(
        upload(client, token, b"a,b\n\x00\xff\xfe", "binary.csv"), 415, "unsupported_media_type"
    )
    refused(api.post("/api/v1/invoices/import", json={"rows": []}), 415, "unsupported_media_type")
    resp = client.post(
        "/api/v1/invoices/import",
        data={"other": "x"},
        headers={"Authorization": f"Bearer {token}"},
        content_type="multipart/form-data",
    )
    refused(resp, 400, "missing_file")

    app.config["INVOICING_IMPORT_MAX_BYTES"] = 2048
    big = csv_bytes([row(f"R-{n}") for n in range(40)])
    assert len(big) > 2048
    assert "split it" in refused(upload(client, token, big, "big.csv"), 413, "payload_too_large")
    huge = b"x" * 200_000  # declared length far above the limit: refused before parsing
    refused(upload(client, token, huge, "huge.csv"), 413, "payload_too_large")
    assert _count() == 0
    assert list(Path(app.instance_path, "imports").rglob("*.*")) == []  # nothing kept


def test_uploaded_file_is_removed_after_the_job(app, api, client, token, customer):
    job = _job(api, upload(client, token, csv_bytes([row("C-1")]), "one.csv"))
    assert job["status"] == "completed"
    assert list(Path(app.instance_path, "imports").rglob("*.*")) == []


def test_import_needs_write_permission(client, make_user, company, api_token, customer):
    reader = make_user(email="reader@acme.ae", company=company, role="COMPANY_USER")
    resp = upload(client, api_token(reader, scopes="read"), csv_bytes([row("D-1")]), "d.csv")
    assert resp.status_code == 403
    assert _count() == 0
