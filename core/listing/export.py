"""CSV and XLSX downloads of a list, streamed: memory stays flat whatever the row count.

CSV is written batch by batch straight into the response. XLSX is a zip that can only be
closed once complete, so XlsxWriter writes it in constant-memory mode (one row in memory,
rows flushed to a temporary file) and the finished file is streamed out in chunks. XLSX keeps
every number as an IEEE double (the format's rule): amounts are written from Decimal and shown
with two decimals; the CSV carries the exact decimal text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections.abc import Iterable
from decimal import Decimal

from flask import Response, stream_with_context

from core.tenancy import current_scope, scoped

CHUNK = 64 * 1024


def _disposition(filename: str) -> dict:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


def csv_response(filename: str, header: list[str], batches: Iterable[list[list]]) -> Response:
    """Stream ``batches`` (lists of rows) as CSV. Flask runs the request's teardown before the
    body is sent (the tenant scope is reset, the session removed); the body is produced under
    the scope of the request that asked for it, in a session of its own."""
    scope = current_scope()

    def generate():
        with scoped(scope):
            yield from _csv_text(header, batches)

    return Response(
        stream_with_context(generate()),
        mimetype="text/csv",
        headers=_disposition(filename),
    )


def _csv_text(header, batches):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # spreadsheet programs read the text as UTF-8
    writer.writerow(header)
    for batch in batches:
        writer.writerows([_text(v) for v in row] for row in batch)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def xlsx_response(filename: str, header: list[str], batches: Iterable[list[list]]) -> Response:
    spool = tempfile.TemporaryFile()  # noqa: SIM115  (closed by generate(), which streams it)
    try:
        write_xlsx(spool, header, batches)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)

    def generate():
        with spool:
            while chunk := spool.read(CHUNK):
                yield chunk

    return Response(
        generate(),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers=_disposition(filename),
    )


def write_xlsx(target, header: list[str], batches: Iterable[list[list]]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(target, {"constant_memory": True})
    sheet = book.add_worksheet()
    bold = book.add_format({"bold": True})
    money = book.add_format({"num_format": "#,##0.00"})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, header, bold)
    n = 0
    for batch in batches:
        for row in batch:
            n += 1
            for col, value in enumerate(row):
                _cell(sheet, n, col, value, money, day)
    book.close()


def _cell(sheet, row: int, col: int, value, money, day) -> None:
    if value is None:
        return
    if isinstance(value, Decimal):
        sheet.write_number(row, col, value, money)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), day)
    else:
        sheet.write_string(row, col, str(value))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    # A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
    return (
        "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _number(text) else text
    )


def _number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True
