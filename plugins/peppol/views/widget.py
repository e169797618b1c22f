"""Dashboard widget: transmissions by state (one GROUP BY), with a link to the failed ones."""

from __future__ import annotations

from flask import render_template
from markupsafe import Markup
from sqlalchemy import func, select

from core.api import Widget, db
from plugins.peppol.models import STATES, Transmission
from plugins.peppol.permissions import READ


def widgets(actor) -> list[Widget]:
    if actor is None or actor.company_id is None or not actor.can(READ):
        return []
    counts = dict(
        db.session.execute(
            select(Transmission.state, func.count()).group_by(Transmission.state)
        ).all()
    )
    rows = [(state, counts[state]) for state in STATES if counts.get(state)]
    html = render_template("peppol/_widget.html", rows=rows)
    return [Widget("Peppol", Markup(html), order=40)]
