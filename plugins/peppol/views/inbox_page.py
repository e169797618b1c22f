"""/peppol/inbox: received documents, and "Fetch now" (the run's live progress is on the jobs
page, where every inbox run is a job with its totals and errors)."""

from __future__ import annotations

from flask import current_app, flash, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import select

from core.api import DomainError, company_id, db, enqueue_job, may, render, require
from plugins.peppol import settings
from plugins.peppol.inbox import FETCH_JOB
from plugins.peppol.inbox.schedule import settings_for
from plugins.peppol.models import InboundDocument
from plugins.peppol.permissions import MANAGE, READ, SEND
from plugins.peppol.views import bp

BILL_PAGE = "ap.bill_review"


@bp.get("/inbox")
@login_required
def inbox():
    require(READ)
    rows = db.session.scalars(
        select(InboundDocument).order_by(InboundDocument.id.desc()).limit(200)
    ).all()
    schedule = settings_for(company_id())
    db.session.commit()
    return render(
        "peppol/inbox.html",
        rows=rows,
        settings=schedule,
        can_fetch=may(SEND),
        can_manage=may(MANAGE),
        bill_url=_bill_url,
    )


def _bill_url(bill_id: int | None) -> str | None:
    """The AP bill page of an imported document, when AP is enabled."""
    if bill_id is None or BILL_PAGE not in current_app.view_functions:
        return None
    return url_for(BILL_PAGE, bill_id=bill_id)


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
