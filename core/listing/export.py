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
import re
import tempfile
from collections.abc import Iterable
from decimal import Decimal
from itertools import zip_longest

from flask import Response, stream_with_context

from core.downloads import disposition
from core.tenancy import current_scope, scoped

CHUNK = 64 * 1024


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
        headers=disposition(filename),
    )


def _csv_text(header, batches):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # spreadsheet programs read the text as UTF-8
    writer.writerow(header)
    yield _drain(buffer)
    for batch in batches:
        yield _batch_text(batch, writer, buffer)


def _batch_text(batch, writer, buffer) -> str:
    """The batch as CSV text: written by the csv module as it is when no cell needs a look
    (``_plain``), else cell by cell (``_cells``)."""
    writer.writerows(batch if _plain(batch) else map(_cells, batch))
    return _drain(buffer)


def _plain(batch) -> bool:
    """Whether every value is one the csv module writes as we would and no text starts like a
    formula, checked column by column without a Python step per cell (profiled: a look at each
    cell cost as much as the csv module's writing of it)."""
    for column in zip_longest(*batch):
        kinds = set(map(type, column))
        if str in kinds:
            if not kinds <= _TEXT or _FORMULA_START.search("\n" + "\n".join(filter(None, column))):
                return False  # a line break inside a text only adds a false alarm
        elif not kinds <= _AS_IS:
            return False
    return True


def _drain(buffer) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


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
        headers=disposition(filename),
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


# Written by the csv module as they are (None as an empty cell, a date as ISO 8601): only
# text (a formula?) and datetimes need a look, which keeps the export near a bare csv.writer.
_AS_IS = frozenset({type(None), bool, int, Decimal, dt.date})
_FORMULA = frozenset("=+-@\t\r")
_TEXT = frozenset({str, type(None)})
_FORMULA_START = re.compile("\n[=+\\-@\t\r]")


def _cells(row) -> list:
    return [
        v if (t := type(v)) in _AS_IS or (t is str and v[:1] not in _FORMULA) else _text(v)
        for v in row
    ]


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
