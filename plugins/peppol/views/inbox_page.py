"""/peppol/inbox: its schedule and "Fetch now" (the run's live progress is on the jobs page,
where every inbox run is a job with its totals and errors); the list is in views/lists.py."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import login_required

from core.api import DomainError, company_id, db, enqueue_job, require
from plugins.peppol import settings
from plugins.peppol.inbox import FETCH_JOB
from plugins.peppol.permissions import MANAGE, SEND
from plugins.peppol.views import bp


@bp.post("/inbox/settings")
@login_required
def inbox_settings():
    require(MANAGE)
    form = request.form
    data = {"inbox_enabled": form.get("inbox_enabled") == "on"}
    data.update({k: form[k].strip() for k in ("inbox_time", "timezone") if form.get(k, "").strip()})
    try:
        settings.change(company_id(), data)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        flash(f"{exc.message} " + " ".join(exc.details.get("fields", {}).values()), "error")
    return redirect(url_for("peppol.inbox"), 303)


@bp.post("/inbox/fetch")
@login_required
def inbox_fetch_now():
    require(SEND)
    job = enqueue_job(FETCH_JOB, {}, company_id=company_id(), user_id=None)
    return redirect(url_for("core_jobs.detail", job_id=job.id), 303)  # live progress there
