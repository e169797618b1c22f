"""Bulk import: a ZIP of e-invoices imported as a job, with live progress and a per-file report.

The upload is kept in the instance folder under an opaque token only while its job runs. Each
file is imported on its own and committed (or rolled back) before the next, so one refused
document never takes the others with it. A ZIP bomb is refused by the sizes the archive
declares before anything is decompressed, and each member is read with a size cap.
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from core.api import DomainError, db, enqueue_job
from plugins.ap.services import importing

JOB = "ap.import_zip"
MAX_FILES = 5000
MAX_MEMBER = 5 * 1024 * 1024
MAX_TOTAL = 500 * 1024 * 1024


@dataclass(frozen=True)
class JobActor:
    user_id: int | None


def _folder(company_id: int) -> Path:
    return Path(current_app.instance_path) / "ap_imports" / str(int(company_id))


def _path(company_id: int, token: str) -> Path:
    if len(token) != 32 or not all(c in "0123456789abcdef" for c in token):
        raise ValueError("This import file reference is not valid.")
    return _folder(company_id) / f"{token}.zip"


def start(actor, data: bytes, filename: str):
    """Keep the ZIP and enqueue its import; the Job row (with the immediate backend: done)."""
    token = uuid.uuid4().hex
    path = _path(actor.company_id, token)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    params = {"token": token, "filename": filename[:255]}
    return enqueue_job(JOB, params, company_id=actor.company_id, user_id=actor.user_id)


def _members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    members = [m for m in archive.infolist() if not m.is_dir()]
    if len(members) > MAX_FILES:
        raise ValueError(f"The ZIP holds {len(members)} files; at most {MAX_FILES} per import.")
    if sum(m.file_size for m in members) > MAX_TOTAL:
        raise ValueError("The ZIP unpacks to more than 500 MB.")
    return members


def import_zip(ctx, token, filename=""):
    """Import every XML file of an uploaded ZIP as a bill; the result lists each file."""
    path = _path(ctx.company_id, token)
    if not path.exists():
        raise ValueError("The uploaded file is no longer there; upload it again.")
    try:
        with zipfile.ZipFile(path) as archive:
            members = _members(archive)
            ctx.set_total(len(members))
            files = [_one(ctx, archive, member) for member in members]
    except zipfile.BadZipFile as exc:
        raise ValueError(f"{filename or 'The file'} is not a ZIP archive.") from exc
    finally:
        path.unlink(missing_ok=True)
    imported = sum(1 for f in files if f["status"] == "imported")
    return {"filename": filename, "imported": imported, "refused": len(files) - imported,
            "files": files}  # fmt: skip


def _one(ctx, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> dict:
    name = member.filename
    if not name.lower().endswith(".xml") or member.file_size > MAX_MEMBER:
        reason = "not an .xml file" if not name.lower().endswith(".xml") else "larger than 5 MB"
        return _refused(ctx, name, {"message": reason, "rules": []})
    with archive.open(member) as handle:
        xml = handle.read(MAX_MEMBER + 1)
    try:
        result = importing.import_bill(
            ctx.company_id, xml, source="upload", actor=JobActor(ctx.user_id), filename=name
        )
    except DomainError as exc:
        db.session.rollback()
        detail = {"message": exc.message, "rules": exc.details.get("rules", []),
                  "bill_id": exc.details.get("bill_id"), "code": exc.code}  # fmt: skip
        return _refused(ctx, name, detail)
    entry = {"name": name, "status": "imported", "bill_id": result.bill.id,
             "match_status": result.bill.match_status, "warnings": result.warnings}  # fmt: skip
    ctx.advance(ok=1)
    db.session.commit()
    return entry


def _refused(ctx, name: str, detail: dict) -> dict:
    ctx.advance(ok=0, failed=1, error=f"{name}: {detail['message']}")
    db.session.commit()
    return {"name": name, "status": "refused", **detail}
