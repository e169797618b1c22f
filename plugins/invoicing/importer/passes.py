"""The two streaming passes over the file: validate everything, then write.

Rows of one invoice must be consecutive, so each pass holds one invoice at a time; all that
grows with the file is the set of invoice references already seen (to name a reference that
comes back later) and the customers table, read once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from core.api import gettext as _
from plugins.invoicing.importer import readers, rows
from plugins.invoicing.importer.columns import SAME_PER_INVOICE
from plugins.invoicing.importer.report import Report
from plugins.invoicing.services.drafts import MAX_LINES


@dataclass
class Invoice:
    """One invoice of the file: its first row's header and every row's line."""

    first: rows.Row
    first_row: int
    lines: list[dict] = field(default_factory=list)


@dataclass
class Summary:
    rows: int = 0
    invoices: int = 0


def validate(
    path: Path, fmt: str, customers: rows.Customers, max_rows: int, unpacked_limit: int
) -> tuple[Summary, Report]:
    """Check every row; stop at once when the file has more than ``max_rows`` lines."""
    summary, report = Summary(), Report()
    seen: set[str] = set()
    current = _Current()
    for number, raw in readers.rows(path, fmt, unpacked_limit):
        summary.rows += 1
        if summary.rows > max_rows:
            raise readers.ImportFileError(
                _(
                    "The file has more than %(max_rows)s lines; one import takes at most "
                    "%(max_rows)s. Split it into several files.",
                    max_rows=format(max_rows, ","),
                )
            )
        row, errors = rows.parse(raw, customers)
        # Grouping follows the reference even on an invalid row, so a later row is judged
        # against the invoice it really continues.
        errors = {
            **_follow(raw.get("invoice_ref", "").strip(), row, number, current, seen),
            **errors,
        }
        summary.invoices = len(seen)
        for column, message in errors.items():
            report.add(number, column, message)
        report.bad_rows += bool(errors)
    if summary.rows == 0:
        report.add(2, "invoice_ref", _("the file has a header but no lines"))
    return summary, report


@dataclass
class _Current:
    ref: str | None = None
    same: tuple | None = None  # the first valid row's per-invoice values
    first_row: int = 0
    lines: int = 0


def _follow(ref: str, row, number: int, current: _Current, seen: set[str]) -> dict:
    """Check the row against the invoice it continues (or starts); update ``current``."""
    if not ref:
        return {}  # rows.parse reports the missing reference
    if ref != current.ref:
        current.ref, current.same, current.first_row, current.lines = ref, None, number, 0
        if ref in seen:
            return {
                "invoice_ref": _("rows of one invoice must be consecutive; it appeared earlier")
            }
        seen.add(ref)
    current.lines += 1
    if current.lines > MAX_LINES:
        return {"invoice_ref": _("an invoice has at most %(max)s lines", max=MAX_LINES)}
    if row is None:
        return {}
    if current.same is None:
        current.same, current.first_row = row.same, number
        return {}
    for name, mine, theirs in zip(SAME_PER_INVOICE, row.same, current.same, strict=True):
        if mine != theirs:
            return {
                name: _("differs from row %(row)s, the invoice's first row", row=current.first_row)
            }
    return {}


def invoices(path: Path, fmt: str, customers: rows.Customers) -> Iterator[Invoice]:
    """Second pass: the file's invoices in order (the file has been validated)."""
    current: Invoice | None = None
    for number, raw in readers.rows(path, fmt):
        row, errors = rows.parse(raw, customers)
        if row is None:  # the file changed between the passes
            raise ValueError(f"row {number} is no longer valid: {errors}")
        if current is not None and row.ref != current.first.ref:
            yield current
            current = None
        if current is None:
            current = Invoice(first=row, first_row=number)
        current.lines.append(row.line)
    if current is not None:
        yield current
