"""/peppol pages: transmissions (live), providers, health, inbox runs."""

from __future__ import annotations

from flask_login import login_required
from sqlalchemy import select

from core.api import db, render
from plugins.peppol.models import Transmission
from plugins.peppol.views import bp


@bp.get("/")
@login_required
def transmissions():
    rows = db.session.scalars(
        select(Transmission).order_by(Transmission.id.desc()).limit(100)
    ).all()
    return render("peppol/transmissions.html", block="list", rows=rows)
