"""Core's live dashboard widget: the company's latest audit entries, re-fetched on events.

The page never receives HTML over the socket: ``audit_added`` makes htmx GET
``/live/activity`` again, which renders the list with the reader's own permissions.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_babel import gettext as _
from flask_login import login_required
from markupsafe import Markup
from sqlalchemy import select

from core.db import db
from core.models import AuditEntry
from core.requestctx import current_actor
from core.shell import Widget

bp = Blueprint("core_live", __name__, url_prefix="/live")
LIMIT = 10
PERMISSION = "core.audit.read"


def init_app(app) -> None:
    app.register_blueprint(bp)


@bp.get("/activity")
@login_required
def activity():
    actor = current_actor()
    if not actor.can(PERMISSION):
        abort(403, _("You may not read the audit log."))
    return render_template("core/_live_activity.html", entries=latest(actor))


def latest(actor) -> list[AuditEntry]:
    """Audit entries are not tenant-scoped rows (system entries have no company): filter here."""
    query = select(AuditEntry).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    if not actor.is_super_admin:
        query = query.where(AuditEntry.company_id == actor.company_id)
    return list(db.session.scalars(query.limit(LIMIT)))


def widgets(actor) -> list[Widget]:
    """Core's dashboard widget: who is online in the company, and what just happened."""
    if actor is None or not actor.can(PERMISSION):
        return []
    html = render_template("core/_live_activity.html", entries=latest(actor))
    if actor.company_id is not None:
        room = f"company:{actor.company_id}"
        html = render_template("core/_presence.html", room=room, label=_("Online now")) + html
    return [Widget(title=_("Live activity"), html=Markup(html), order=10)]
