"""/ap/import: upload one e-invoice (XML) or many (a ZIP, imported as a job with live progress)."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import login_required

from core.api import DomainError, _, current_actor, db, render, require
from plugins.ap.api.common import commit
from plugins.ap.permissions import WRITE
from plugins.ap.services import bulk, importing
from plugins.ap.views import bp

MAX_UPLOAD = 50 * 1024 * 1024


@bp.get("/import")
@login_required
def import_form():
    require(WRITE)
    return render("ap/import.html", refused=None)


@bp.post("/import")
@login_required
def import_upload():
    require(WRITE)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Choose an XML e-invoice or a ZIP of them."), "error")
        return redirect(url_for("ap.import_form"))
    data = upload.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        flash(_("The file is larger than 50 MB."), "error")
        return redirect(url_for("ap.import_form"))
    if upload.filename.lower().endswith(".zip"):
        job = bulk.start(current_actor(), data, upload.filename)
        flash(_("Importing %(file)s as job #%(id)s.", file=upload.filename, id=job.id), "success")
        return redirect(url_for("core_jobs.detail", job_id=job.id))
    return _one(data, upload.filename)


def _one(xml: bytes, filename: str):
    actor = current_actor()
    try:
        result = importing.import_bill(
            actor.company_id, xml, source="upload", actor=actor, filename=filename
        )
        commit()
    except DomainError as exc:
        db.session.rollback()
        return render("ap/import.html", status=exc.status, refused=exc)
    for warning in result.warnings:
        flash(warning, "warning")
    flash(_("Imported %(file)s as bill #%(id)s.", file=filename, id=result.bill.id), "success")
    return redirect(url_for("ap.bill_review", bill_id=result.bill.id))
