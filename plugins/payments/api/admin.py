"""Admin API: POST /api/v1/admin/archive (a job) and GET /api/v1/admin/export (NDJSON)."""

from __future__ import annotations

from flask import stream_with_context

from core.api import (
    JobParamsInvalid,
    ValidationFailed,
    company_id,
    describe,
    enqueue_job,
    file_response,
    json_body,
    require_permission,
    user_id,
    utcnow,
)
from plugins.payments.api import bp
from plugins.payments.archive.job import JOB, check_params
from plugins.payments.export.writer import buffered, export_lines
from plugins.payments.permissions import ADMINISTER

ARCHIVE_BODY = {
    "type": "object",
    "required": ["before"],
    "properties": {"before": {"type": ["string", "null"], "format": "date"}},
    "additionalProperties": False,
}


def cutoff(body: dict) -> str:
    """The same check the job runs when queued (``archive.job.check_params``)."""
    try:
        return check_params({"before": body.get("before")})["before"]
    except JobParamsInvalid as exc:
        raise ValidationFailed(exc.fields, exc.message) from exc


def start_archive(before: str):
    """Queue the archive job (the params are checked above); shared with the admin page."""
    return enqueue_job(JOB, {"before": before}, company_id=company_id(), user_id=user_id())


@bp.post("/admin/archive")
@require_permission(ADMINISTER)
@describe(tags=("payments",), status=202, request=ARCHIVE_BODY)
def admin_archive():
    """Move payments dated before ``before`` (with their reversals, refunds and allocations)
    to the archive, as a background job; answers 202 with the job's id."""
    job = start_archive(cutoff(json_body()))
    return {"job_id": job.id, "status": job.status}, 202


@bp.get("/admin/export")
@require_permission(ADMINISTER)
@describe(tags=("payments",))
def admin_export():
    """All of the company's data as NDJSON (header, one line per record, footer with counts
    and SHA-256), streamed; import it with ``flask payments import-export FILE``."""
    cid = company_id()
    name = f"ledgerline-company-{cid}-{utcnow():%Y%m%d-%H%M%S}.ndjson"
    return file_response(
        stream_with_context(buffered(export_lines(cid))), "application/x-ndjson", name
    )
