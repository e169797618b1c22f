"""Stream rows out of a CSV or XLSX file, one at a time: never the whole file in memory.

Rows come out as ``(row_number, {column: text})`` where ``row_number`` is the line a user sees
in a spreadsheet (the header is row 1). XLSX cells are turned into the text a CSV would hold,
so one row parser serves both formats; numbers keep their shortest exact decimal form.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

from core.api import gettext as _
from plugins.invoicing.importer import bounds
from plugins.invoicing.importer.columns import KNOWN, REQUIRED, normalize

log = logging.getLogger("ledgerline.invoicing.import")

CSV, XLSX = "csv", "xlsx"


class ImportFileError(ValueError):
    """The file as a whole cannot be read (bad header, not a spreadsheet); str() says why."""


def rows(path: Path, fmt: str, unpacked_limit: int | None = None) -> Iterator[tuple[int, dict]]:
    """The file's rows; an XLSX is first checked not to unpack past ``unpacked_limit``."""
    if fmt == XLSX and unpacked_limit is not None:
        try:
            bounds.check_archive(path, unpacked_limit)
        except bounds.ArchiveRefused as exc:
            raise ImportFileError(str(exc)) from exc
    source = _csv_rows(path) if fmt == CSV else _xlsx_rows(path)
    header = next(source, None)
    if header is None:
        raise ImportFileError(_("The file is empty: it needs a header row and at least one line."))
    columns = _check_header(header)
    for number, values in enumerate(source, start=2):
        if not any(str(v).strip() for v in values if v is not None):
            continue  # spreadsheets often end with blank rows
        yield number, {name: _text(values[i]) if i < len(values) else "" for name, i in columns}


def _check_header(header) -> list[tuple[str, int]]:
    names = [normalize(h) for h in header]
    missing = [name for name in REQUIRED if name not in names]
    if "customer_trn" not in names and "customer_name" not in names:
        missing.append("customer_trn or customer_name")
    if missing:
        raise ImportFileError(
            _(
                "The header row lacks the column(s) %(names)s. Known columns: %(names2)s.",
                names=", ".join(missing),
                names2=", ".join(KNOWN),
            )
        )
    unknown = [h for h in names if h and h not in KNOWN]
    if unknown:
        raise ImportFileError(
            _(
                "Unknown column(s) %(names)s. Known columns: %(names2)s.",
                names=", ".join(unknown),
                names2=", ".join(KNOWN),
            )
        )
    return [(name, i) for i, name in enumerate(names) if name]


def _csv_rows(path: Path):
    # utf-8-sig: Excel writes a byte-order mark in front of "CSV UTF-8" files.
    with path.open(newline="", encoding="utf-8-sig") as handle:
        try:
            yield from csv.reader(handle)
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                _("The CSV file is not UTF-8 text; save it as CSV UTF-8.")
            ) from exc
        except csv.Error as exc:
            raise ImportFileError(_("The CSV file is malformed: %(exc)s.", exc=exc)) from exc


def _xlsx_rows(path: Path):
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        # Its messages may name the stored file's path: that goes to the log only.
        log.warning("openpyxl could not open %s: %s", path, exc)
        raise ImportFileError(_("The file is not a readable XLSX workbook.")) from exc
    try:
        yield from book.worksheets[0].iter_rows(values_only=True)
    finally:
        book.close()  # read-only workbooks keep the zip open until closed


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        # repr is the shortest text that reads back as the same float: 150.1, not 150.0999...
        return repr(value).removesuffix(".0")
    return str(value).strip()
