"""/audit: the company's audit log as a page, filtered by user, kind of record, one record and
date; each record page links here with its own filter ("History of this invoice")."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, request
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select

from core.db import db
from core.i18n.labels import label
from core.inputs import query_date, query_id, query_int
from core.models import User
from core.models.audit import AuditEntry
from core.requestctx import current_actor
from core.templating import render

bp = Blueprint("core_audit", __name__)
PAGE = 100
PERMISSION = "core.audit.read"


def init_app(app) -> None:
    app.register_blueprint(bp)


def _scoped(query, actor):
    """Audit rows carry no tenant mixin (system rows have no company): filter here."""
    if actor.is_super_admin:
        return query
    return query.where(AuditEntry.company_id == actor.company_id)


def _filtered(actor):
    query = _scoped(select(AuditEntry), actor)
    if (user_id := query_id("user_id")) is not None:
        query = query.where(AuditEntry.user_id == user_id)
    if kind := request.args.get("record_type", "").strip():
        query = query.where(AuditEntry.record_type == kind[:100])
    if record := request.args.get("record_id", "").strip():
        query = query.where(AuditEntry.record_id == record[:64])
    if (since := query_date("date_from")) is not None:
        query = query.where(AuditEntry.created_at >= dt.datetime.combine(since, dt.time.min))
    if (until := query_date("date_to")) is not None:
        after = dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min)
        query = query.where(AuditEntry.created_at < after)
    return query


def _choices(actor) -> dict:
    kinds = db.session.scalars(
        _scoped(select(AuditEntry.record_type).distinct(), actor).order_by(AuditEntry.record_type)
    ).all()
    users = select(User).order_by(User.email)
    if not actor.is_super_admin:
        users = users.where(User.company_id == actor.company_id)
    return {
        "kinds": [(k, label("record_type", k)) for k in kinds],
        "users": [(u.id, getattr(u, "name", None) or u.email) for u in db.session.scalars(users)],
    }


@bp.get("/audit")
@login_required
def index():
    actor = current_actor()
    if actor is None or not actor.can(PERMISSION):
        abort(403, _("Your role cannot read the audit log."))
    offset = query_int("offset", 0, 0)
    query = _filtered(actor).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    rows = db.session.scalars(query.limit(PAGE + 1).offset(offset)).all()
    return render(
        "core/audit.html",
        entries=rows[:PAGE],
        more=len(rows) > PAGE,
        offset=offset,
        page=PAGE,
        args=request.args,
        **_choices(actor),
    )
