"""Uploaded import files: checked, copied in chunks to the instance folder, found again by
the job through an opaque token (a job's params never carry a file path, so nobody can point
the importer at another file by starting the job by hand)."""

from __future__ import annotations

import codecs
import re
import uuid
from pathlib import Path

from flask import current_app

from core.api import ApiError
from core.api import gettext as _
from plugins.invoicing.importer import bounds
from plugins.invoicing.importer.readers import CSV, XLSX

MAX_BYTES_CONFIG = "INVOICING_IMPORT_MAX_BYTES"
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
CHUNK = 64 * 1024
TOKEN = re.compile(r"^[0-9a-f]{32}$")
ZIP_MAGIC = b"PK\x03\x04"  # an XLSX file is a zip archive


def max_bytes() -> int:
    return int(current_app.config.get(MAX_BYTES_CONFIG) or DEFAULT_MAX_BYTES)


def folder(company_id: int) -> Path:
    return Path(current_app.instance_path) / "imports" / str(int(company_id))


def path_of(company_id: int, token: str, fmt: str) -> Path:
    if not TOKEN.match(str(token)) or fmt not in (CSV, XLSX):
        raise ValueError("This import file reference is not valid.")
    return folder(company_id) / f"{token}.{fmt}"


def format_of(filename: str | None) -> str:
    suffix = Path(filename or "").suffix.lower().lstrip(".")
    if suffix not in (CSV, XLSX):
        raise ApiError(
            415,
            "unsupported_media_type",
            _("Upload a .csv (UTF-8) or .xlsx file."),
            {"filename": filename},
        )
    return suffix


def save(upload, company_id: int) -> tuple[str, str]:
    """Store the werkzeug FileStorage ``upload``; return (token, format)."""
    fmt = format_of(upload.filename)
    token = uuid.uuid4().hex
    target = path_of(company_id, token, fmt)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        _copy(upload.stream, target)
        _sniff(target, fmt)
    except ApiError:
        target.unlink(missing_ok=True)
        raise
    return token, fmt


def _copy(stream, target: Path) -> None:
    limit, written = max_bytes(), 0
    with target.open("wb") as out:
        while chunk := stream.read(CHUNK):
            written += len(chunk)
            if written > limit:
                raise too_big(limit)
            out.write(chunk)
    if written == 0:
        raise ApiError(400, "empty_file", _("The uploaded file is empty."))


def too_big(limit: int) -> ApiError:
    return ApiError(
        413,
        "payload_too_large",
        _(
            "The file is larger than the import limit of %(value)s MB (%(limit)s bytes); "
            "split it into several imports.",
            value=limit // (1024 * 1024) or 1,
            limit=limit,
        ),
        {"max_bytes": limit},
    )


def _sniff(path: Path, fmt: str) -> None:
    """The content must match the name: a renamed binary is refused before any job runs."""
    with path.open("rb") as handle:
        head = handle.read(CHUNK)
    if fmt == XLSX and not head.startswith(ZIP_MAGIC):
        raise ApiError(415, "unsupported_media_type", _("This .xlsx file is not an XLSX workbook."))
    if fmt == XLSX:
        try:
            bounds.check_archive(path, bounds.max_unpacked())
        except bounds.ArchiveRefused as exc:
            limit = bounds.max_unpacked()
            details = {"max_unpacked_bytes": limit}
            raise ApiError(413, "payload_too_large", str(exc), details) from exc
    if fmt == CSV and not _is_text(head):
        raise ApiError(
            415,
            "unsupported_media_type",
            _("This .csv file is not UTF-8 text; save it as CSV UTF-8."),
        )


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        # final=False: the chunk may end in the middle of a multi-byte character.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True
