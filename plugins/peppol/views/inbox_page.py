"""/peppol/inbox: received documents, and "Fetch now" (the run's live progress is on the jobs
page, where every inbox run is a job with its totals and errors)."""

from __future__ import annotations

from flask import current_app, flash, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import select

from core.api import (
    DomainError,
    company_id,
    db,
    dump_payload,
    editable,
    enqueue_job,
    may,
    render,
    require,
)
from plugins.peppol import settings
from plugins.peppol.inbox import FETCH_JOB
from plugins.peppol.inbox.schedule import settings_for
from plugins.peppol.models import InboundDocument, Settings
from plugins.peppol.permissions import MANAGE, READ, SEND
from plugins.peppol.views import bp, settings_merge

editable(Settings, MANAGE)  # the schedule form's room: "also editing", "saved just now"

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
        settings_json=dump_payload(settings_merge.snapshot(schedule)),
    )


def _bill_url(bill_id: int | None) -> str | None:
    """The AP bill page of an imported document, when AP is enabled."""
    if bill_id is None or BILL_PAGE not in current_app.view_functions:
        return None
    return url_for(BILL_PAGE, bill_id=bill_id)


@bp.post("/inbox/settings")
@login_required
def inbox_settings():
    """Save the schedule; a form opened before someone else's save gets the merge page."""
    require(MANAGE)
    current = settings_for(company_id())
    if request.form.get("_merge"):
        return settings_merge.MERGE.save_merged(
            current, _write, lambda form, original: _to_inbox(), _to_inbox
        )
    mine = settings_merge.submitted(request.form)
    if refused := settings_merge.MERGE.refusal(current, mine):
        return refused
    _write(None, mine)
    return _to_inbox()


def _write(form, payload: dict):
    try:
        changed = settings.change(company_id(), settings_merge.as_change(payload))
        db.session.commit()
        return changed
    except DomainError as exc:
        db.session.rollback()
        flash(f"{exc.message} " + " ".join(exc.details.get("fields", {}).values()), "error")
        return None


def _to_inbox():
    return redirect(url_for("peppol.inbox"), 303)


@bp.post("/inbox/fetch")
@login_required
def inbox_fetch_now():
    require(SEND)
    job = enqueue_job(FETCH_JOB, {}, company_id=company_id(), user_id=None)
    return redirect(url_for("core_jobs.detail", job_id=job.id), 303)  # live progress there
