"""/peppol/inbox: its schedule (versioned: a stale save gets core's merge page) and "Fetch
now" (the run's live progress is on the jobs page, where every inbox run is a job with its
totals and errors); the list is in views/lists.py."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import login_required

from core.api import DomainError, company_id, db, editable, enqueue_job, field_sentences, require
from plugins.peppol import settings
from plugins.peppol.inbox import FETCH_JOB
from plugins.peppol.inbox.schedule import settings_for
from plugins.peppol.models import Settings
from plugins.peppol.permissions import MANAGE, SEND
from plugins.peppol.views import bp, settings_merge

editable(Settings, MANAGE)  # the schedule form's room: "also editing", "saved just now"


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
        flash(" ".join([exc.message, *field_sentences(exc.details.get("fields", {}))]), "error")
        return None


def _to_inbox():
    return redirect(url_for("peppol.inbox"), 303)


@bp.post("/inbox/fetch")
@login_required
def inbox_fetch_now():
    require(SEND)
    job = enqueue_job(FETCH_JOB, {}, company_id=company_id(), user_id=None)
    return redirect(url_for("core_jobs.detail", job_id=job.id), 303)  # live progress there
