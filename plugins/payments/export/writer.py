"""Streaming export: a generator of NDJSON lines, in constant memory.

Each table is read with ``yield_per`` (a server-side cursor on PostgreSQL), so only one batch
of rows is in memory at a time whatever the size of the company; the checksum is updated as
the lines go out, a batch of lines at a time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from sqlalchemy import select

from core.api import db
from plugins.payments.export import format as fmt

BATCH = 1000


def company_row(company_id: int) -> dict:
    t = fmt.table("core_company")
    row = db.session.execute(select(t).where(t.c.id == company_id)).mappings().one()
    return {k: fmt.encode(v) for k, v in row.items()}


def batches(record_type: str, company_id: int) -> Iterator[tuple[int, bytes]]:
    """``(rows, lines)``: the lines of up to ``BATCH`` rows of one table at a time."""
    t = fmt.table(fmt.TYPES[record_type])
    cols = fmt.columns(t)
    names = [c.name for c in cols]
    query = select(*cols).where(t.c.company_id == company_id).order_by(t.c.id)
    result = db.session.execute(query.execution_options(yield_per=BATCH))
    for part in result.partitions():
        rows = (dict(zip(names, row, strict=True)) for row in part)
        yield len(part), b"".join([fmt.line({"row": row, "type": record_type}) for row in rows])


def export_lines(company_id: int) -> Iterator[bytes]:
    """Header, every row of the company, footer with counts and the SHA-256 of the rest; the
    rows' lines come a batch at a time (several lines per chunk)."""
    digest = hashlib.sha256()
    counts = {}
    header = {
        "type": "header",
        "format": fmt.FORMAT,
        "version": fmt.VERSION,
        "company": company_row(company_id),
    }
    chunk = fmt.line(header)
    digest.update(chunk)
    yield chunk
    for record_type in fmt.TYPES:
        counts[record_type] = 0
        for n, chunk in batches(record_type, company_id):
            digest.update(chunk)
            counts[record_type] += n
            yield chunk
    yield fmt.line({"type": "footer", "counts": counts, "sha256": digest.hexdigest()})


def buffered(lines: Iterator[bytes], size: int = 64 * 1024) -> Iterator[bytes]:
    """Join lines into chunks of about ``size`` bytes: fewer, larger writes to the socket."""
    parts, length = [], 0
    for chunk in lines:
        parts.append(chunk)
        length += len(chunk)
        if length >= size:
            yield b"".join(parts)
            parts, length = [], 0
    if parts:
        yield b"".join(parts)
