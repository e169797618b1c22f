"""Build import files for the tests (and nothing else): CSV text and XLSX workbooks."""

from __future__ import annotations

import csv
import io

HEADER = [
    "invoice_ref",
    "customer_trn",
    "customer_name",
    "issue_date",
    "due_date",
    "currency",
    "description",
    "quantity",
    "unit_code",
    "unit_price",
    "tax_category",
    "tax_rate",
    "exemption_reason",
]


def row(ref, description="Consulting", quantity="1", unit_price="100.00", **kw):
    values = {
        "invoice_ref": ref,
        "customer_trn": "100987654300003",
        "customer_name": "",
        "issue_date": "2026-03-01",
        "due_date": "",
        "currency": "AED",
        "description": description,
        "quantity": quantity,
        "unit_code": "C62",
        "unit_price": unit_price,
        "tax_category": "S",
        "tax_rate": "5",
        "exemption_reason": "",
    }
    values.update(kw)
    return values


def csv_bytes(rows, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def write_csv(path, count: int, lines_per_invoice: int = 4) -> None:
    """A large file written row by row: ``count`` lines."""
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        for n in range(count):
            ref = f"INV-{n // lines_per_invoice:07d}"
            writer.writerow(row(ref, f"Item {n} of a long import", str(n % 7 + 1), "12.50"))


def upload(client, token, data: bytes, filename: str, content_type=None):
    return client.post(
        "/api/v1/invoices/import",
        data={"file": (io.BytesIO(data), filename, content_type)},
        headers={"Authorization": f"Bearer {token}"},
        content_type="multipart/form-data",
    )
