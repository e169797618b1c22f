"""/invoicing/invoices/import: upload a CSV or XLSX file of draft invoices; the job page shows
the result. The limits (size, lines, unpacked size) are stated on the page before upload."""

from __future__ import annotations

from flask import redirect, request, url_for
from flask_login import login_required
from flask_wtf import FlaskForm
from werkzeug.utils import secure_filename

from core.api import ApiError, _, company_id, current_actor, enqueue_job, render, require
from plugins.invoicing.importer import JOB, bounds, storage
from plugins.invoicing.importer.columns import KNOWN, REQUIRED
from plugins.invoicing.permissions import INVOICE_WRITE
from plugins.invoicing.services import limits
from plugins.invoicing.views import bp

WRITE = INVOICE_WRITE


class UploadForm(FlaskForm):
    """The file comes from ``request.files``; the form carries the CSRF token."""


def _page(form, error=None, status=200):
    return render(
        "invoicing/import.html",
        form=form,
        error=error,
        status=status,
        max_bytes=storage.max_bytes(),
        max_rows=bounds.max_rows(),
        max_unpacked=bounds.max_unpacked(),
        megabytes=bounds.megabytes,
        columns=KNOWN,
        required=REQUIRED,
    )


@bp.route("/invoices/import", methods=["GET", "POST"])
@login_required
def invoice_import():
    require(WRITE)
    limit = storage.max_bytes()
    if request.content_length is not None and request.content_length > limit + 64 * 1024:
        return _page(UploadForm(formdata=None), storage.too_big(limit).message, 413)
    form = UploadForm()
    if not form.validate_on_submit():
        return _page(form, status=400 if form.errors else 200)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _page(form, _("Choose a .csv or .xlsx file to import."), 400)
    cid = company_id()
    try:
        if limits.remaining(cid) == 0:
            limits.check_can_create(cid)
        token, fmt = storage.save(upload, cid)
    except ApiError as exc:
        return _page(form, exc.message, exc.status)
    params = {"token": token, "format": fmt, "filename": secure_filename(upload.filename)}
    job = enqueue_job(JOB, params, company_id=cid, user_id=current_actor().user_id)
    return redirect(url_for("core_jobs.detail", job_id=job.id))
