"""/peppol/inbox: its schedule (versioned: a stale save gets core's merge page) and "Fetch
now" (the run's live progress is on the jobs page, where every inbox run is a job with its
totals and errors); the list is in views/lists.py."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import login_required

from core.api import (
    DomainError,
    attempt,
    company_id,
    db,
    editable,
    enqueue_job,
    field_sentences,
    merge_back,
    require,
)
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
        return merge_back(
            settings_merge.MERGE, current, _apply, db.session.commit, refused=_refused
        )
    mine = settings_merge.submitted(request.form)
    if refused := settings_merge.MERGE.refusal(current, mine):
        return refused
    attempt(lambda: _apply(mine), db.session.commit, _refused)
    return redirect(url_for("peppol.inbox"), 303)


def _apply(payload: dict):
    return settings.change(company_id(), settings_merge.as_change(payload))


def _refused(exc: DomainError) -> None:
    """A refused schedule: its message and the fields' reasons, flashed on the inbox page."""
    flash(" ".join([exc.message, *field_sentences(exc.details.get("fields", {}))]), "error")


@bp.post("/inbox/fetch")
@login_required
def inbox_fetch_now():
    require(SEND)
    job = enqueue_job(FETCH_JOB, {}, company_id=company_id(), user_id=None)
    return redirect(url_for("core_jobs.detail", job_id=job.id), 303)  # live progress there
