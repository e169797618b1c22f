"""Import of an export file into an empty database, keeping every id.

Three passes over the file, never holding it in memory:

1. check: header format and version, the footer's SHA-256 over every preceding byte, and the
   footer's counts; a file that fails any of them is refused before anything is written;
2. insert every row in file order (parents come first), in batches, with invoices inserted as
   drafts: the invoicing triggers accept lines and VAT rows only under a draft invoice;
3. give each invoice its real status back (the triggers allow any change of a draft).

All of it is one transaction: a failure leaves the database as it was. On PostgreSQL the id
sequences are moved past the imported ids afterwards, so new records do not collide.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

from sqlalchemy import func, insert, select, text, update

from core.api import db
from plugins.payments.export import format as fmt

BATCH = 1000
DRAFT = "DRAFT"
UNUSABLE_PASSWORD = "!imported: set a new password"


class ImportRefused(ValueError):
    """The file is not a valid export, or the database is not empty."""


def import_file(path) -> dict:
    """Import the export at ``path``; returns the counts per record type."""
    header, counts = verify(path)
    _check_empty()
    try:
        _insert_company(header["company"])
        _insert_rows(path)
        _restore_invoice_statuses(path)
        _advance_sequences()
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return counts


def _records(path) -> Iterator[tuple[int, bytes]]:
    with open(path, "rb") as f:
        yield from enumerate(f, start=1)


def verify(path) -> tuple[dict, dict]:
    """Header and counts of a well-formed, untampered export; ``ImportRefused`` otherwise."""
    digest, counts, header, pending = hashlib.sha256(), {}, None, None
    for number, raw in _records(path):
        obj = _parse(raw, number)
        if header is None:
            header = _check_header(obj)
            digest.update(raw)
            continue
        if pending is not None:
            if pending[0] == "footer":
                raise ImportRefused(f"Line {number - 1}: the footer must be the last line.")
            digest.update(pending[1])
            counts[pending[0]] = counts.get(pending[0], 0) + 1
        pending = (obj["type"], raw, obj)
    if pending is None or pending[0] != "footer":
        raise ImportRefused("The file ends before its footer line: it is incomplete.")
    _check_footer(pending[2], digest.hexdigest(), counts)
    return header, counts


def _parse(raw: bytes, number: int) -> dict:
    try:
        obj = json.loads(raw)
    except ValueError:
        raise ImportRefused(f"Line {number} is not valid JSON.") from None
    if not isinstance(obj, dict) or "type" not in obj:
        raise ImportRefused(f"Line {number} is not an export record (no type).")
    if obj["type"] not in (*fmt.TYPES, "header", "footer") or (
        number > 1 and obj["type"] == "header"
    ):
        raise ImportRefused(f"Line {number} has an unknown record type {obj['type']!r}.")
    return obj


def _check_header(obj: dict) -> dict:
    if obj.get("type") != "header" or obj.get("format") != fmt.FORMAT:
        raise ImportRefused("This is not a Ledgerline export (the first line is no header).")
    if obj.get("version") not in fmt.READABLE_VERSIONS:
        readable = ", ".join(str(v) for v in fmt.READABLE_VERSIONS)
        raise ImportRefused(
            f"Export format version {obj.get('version')!r} is not supported "
            f"(this server reads versions {readable})."
        )
    return obj


def _check_footer(footer: dict, sha256: str, counts: dict) -> None:
    if footer.get("sha256") != sha256:
        raise ImportRefused(
            "Checksum mismatch: the file was changed or damaged after it was exported."
        )
    expected = {k: v for k, v in (footer.get("counts") or {}).items() if v}
    if expected != counts:
        raise ImportRefused("The record counts in the footer do not match the file.")


def _check_empty() -> None:
    companies = db.session.scalar(select(func.count()).select_from(fmt.table("core_company")))
    if companies:
        raise ImportRefused(
            f"The database is not empty ({companies} companies): an export is restored into "
            "an empty database only (run the migrations on a new one)."
        )


def _insert_company(company: dict) -> None:
    t = fmt.table("core_company")
    db.session.execute(insert(t), [_decoded(t, company)])


def _decoded(t, row: dict) -> dict:
    return {c.name: fmt.decode(c, row[c.name]) for c in fmt.columns(t) if c.name in row}


def _prepared(record_type: str, t, row: dict) -> dict:
    values = _decoded(t, row)
    if record_type == "invoice":
        values["status"] = DRAFT
    elif record_type == "user":
        values.update(password_hash=UNUSABLE_PASSWORD, mfa_enabled=False)
    return values


def _insert_rows(path) -> None:
    batch, current = [], None
    for _, raw in _records(path):
        obj = json.loads(raw)
        kind = obj["type"]
        if kind in ("header", "footer"):
            continue
        if kind != current or len(batch) >= BATCH:
            _flush(current, batch)
            batch, current = [], kind
        batch.append(_prepared(kind, fmt.table(fmt.TYPES[kind]), obj["row"]))
    _flush(current, batch)


def _flush(record_type: str | None, batch: list) -> None:
    if batch:
        db.session.execute(insert(fmt.table(fmt.TYPES[record_type])), batch)


def _restore_invoice_statuses(path) -> None:
    t = fmt.table("invoicing_invoice")
    for _, raw in _records(path):
        obj = json.loads(raw)
        if obj["type"] != "invoice":
            continue
        row = obj["row"]
        if row["status"] != DRAFT:
            db.session.execute(update(t).where(t.c.id == row["id"]).values(status=row["status"]))


def _advance_sequences() -> None:
    if db.session.get_bind().dialect.name != "postgresql":
        return  # SQLite hands out max(id) + 1 by itself
    for name in ("core_company", *fmt.TYPES.values()):
        db.session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608
                f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {name} "
                f"WHERE pg_get_serial_sequence('{name}', 'id') IS NOT NULL"
            )
        )
