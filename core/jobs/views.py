"""The jobs page: the company's jobs with live progress, and a Run button for admins."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import login_required
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import DataRequired

from core.db import db
from core.i18n.labels import label
from core.jobs import queries
from core.jobs.enqueue import JobRefused, enqueue_job
from core.jobs.registry import manual_job_types, needs_input
from core.requestctx import current_actor
from core.templating import render

bp = Blueprint("core_jobs", __name__)
PAGE_SIZE = 50


class RunJobForm(FlaskForm):
    name = HiddenField(validators=[DataRequired()])


def _reader():
    actor = current_actor()
    if actor is None or not actor.can("core.jobs.read"):
        abort(403)
    return actor


@bp.get("/jobs")
@login_required
def index():
    return _page(_reader())


@bp.get("/jobs/<int:job_id>")
@login_required
def detail(job_id: int):
    job = queries.get_visible(_reader(), job_id)
    if job is None:
        abort(404)
    return render("core/job.html", block="job", job=job)


@bp.post("/jobs/run")
@login_required
def run():
    actor = _reader()
    if not queries.can_run(actor):
        abort(403)
    form = RunJobForm()
    if not form.validate() or form.name.data not in _runnable_types():
        return _page(actor, error=_("Choose one of the job types listed below."), status=400)
    try:
        job = enqueue_job(form.name.data, {}, company_id=actor.company_id, user_id=actor.user_id)
    except JobRefused as exc:
        return _page(actor, error=exc.message, status=400)
    flash(_("Job #%(id)s (%(name)s) started.", id=job.id, name=label("job", job.name)), "success")
    return redirect(url_for("core_jobs.index"), 303)


def _runnable_types() -> dict:
    """Manual job types a Run button can start: those that need no input (a file, an
    invoice...) — those start from their own pages."""
    return {name: f for name, f in manual_job_types().items() if not needs_input(f)}


def _page(actor, error: str | None = None, status: int = 200):
    jobs = db.session.scalars(queries.visible_jobs(actor).limit(PAGE_SIZE)).all()
    runnable = []
    if queries.can_run(actor):
        runnable = sorted(_runnable_types())
    return render(
        "core/jobs.html",
        jobs=jobs,
        runnable=runnable,
        error=error,
        status=status,
        form=RunJobForm(formdata=None),
    )
