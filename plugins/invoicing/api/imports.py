"""POST /api/v1/invoices/import: upload a CSV or XLSX file; the import runs as a job."""

from __future__ import annotations

from flask import request, url_for
from werkzeug.utils import secure_filename

from core.api import ApiError, company_id, current_actor, describe, enqueue_job, require_permission
from core.api import gettext as _
from plugins.invoicing.api import bp
from plugins.invoicing.importer import JOB, storage
from plugins.invoicing.permissions import INVOICE_WRITE
from plugins.invoicing.services import limits

ACCEPTED = {
    "type": "object",
    "properties": {
        "job": {"type": "object", "description": "The job record, as GET /api/v1/jobs/<id>"},
        "job_url": {"type": "string"},
        "job_page": {"type": "string"},
    },
    "required": ["job", "job_url"],
}


@bp.post("/invoices/import")
@require_permission(INVOICE_WRITE)
@describe(response=ACCEPTED, status=202, tags=("invoicing",))
def invoices_import():
    """Import draft invoices from a CSV or XLSX file sent as multipart field ``file``.

    Columns: invoice_ref, customer_trn or customer_name, issue_date, due_date, currency,
    exchange_rate, buyer_reference, description, quantity, unit_code, unit_price,
    tax_category, tax_rate, exemption_reason; one row per line, the rows of one invoice
    consecutive. Answers 202 with the job; the job's result lists invalid rows (row, column,
    message), and then nothing is imported. Limits (settings): ``INVOICING_IMPORT_MAX_BYTES``
    per file (50 MB), ``INVOICING_IMPORT_MAX_ROWS`` lines per file (100,000; more fails the
    job at once), ``INVOICING_IMPORT_MAX_UNPACKED_BYTES`` for what an XLSX unpacks to
    (200 MB; a part that packs better than 100:1 is refused too). 413 above a size limit,
    415 for other files, 402 ``plan_limit_reached`` when the month's allowance is used up.
    """
    cid = company_id()
    upload = _upload()
    if limits.remaining(cid) == 0:
        limits.check_can_create(cid)  # raises the plan's 402 before storing anything
    token, fmt = storage.save(upload, cid)
    params = {"token": token, "format": fmt, "filename": secure_filename(upload.filename or "")}
    job = enqueue_job(JOB, params, company_id=cid, user_id=current_actor().user_id)
    job_url = url_for("api_v1.job_detail", job_id=job.id)
    body = {
        "job": job.to_dict(),
        "job_url": job_url,
        "job_page": url_for("core_jobs.detail", job_id=job.id),
    }
    return body, 202, {"Location": job_url}


def _upload():
    # Refuse by the declared length first: a huge body is not even parsed.
    limit = storage.max_bytes()
    if request.content_length is not None and request.content_length > limit + 64 * 1024:
        raise storage.too_big(limit)
    if not request.mimetype.startswith("multipart/form-data"):
        raise ApiError(
            415,
            "unsupported_media_type",
            _("Send the file as multipart/form-data in the field 'file'."),
        )
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise ApiError(400, "missing_file", _("Attach the CSV or XLSX file in the field 'file'."))
    return upload
