"""/peppol: transmissions (live) and one transmission with its attempts and MLS."""

from __future__ import annotations

from flask import redirect, request, url_for
from flask_login import login_required
from sqlalchemy import select

from core.api import db, enqueue_job, get_or_404, may, render, require
from plugins.peppol import tracking
from plugins.peppol.models import FAILED, STATES, Transmission
from plugins.peppol.permissions import READ, SEND
from plugins.peppol.transmit import SEND_JOB
from plugins.peppol.views import bp
from plugins.peppol.views.common import STATE_CLASS


@bp.get("/")
@login_required
def transmissions():
    require(READ)
    shown = request.args.get("state", "")
    query = select(Transmission).order_by(Transmission.id.desc()).limit(200)
    if shown in STATES:
        query = query.where(Transmission.state == shown)
    rows = db.session.scalars(query).all()
    return render(
        "peppol/transmissions.html",
        block="list",
        rows=rows,
        states=STATES,
        shown=shown,
        state_class=STATE_CLASS,
    )


@bp.get("/transmissions/<int:transmission_id>")
@login_required
def transmission_detail(transmission_id: int):
    require(READ)
    t = get_or_404(Transmission, transmission_id, "transmission")
    return render(
        "peppol/transmission.html",
        block="detail",
        t=t,
        mls=tracking.mls_dict(t),
        can_send=may(SEND),
        state_class=STATE_CLASS,
    )


@bp.post("/transmissions/<int:transmission_id>/<any(retry, refresh):action>")
@login_required
def transmission_action(transmission_id: int, action: str):
    require(SEND)
    t = get_or_404(Transmission, transmission_id, "transmission")
    if action == "refresh":
        tracking.refresh(t)
    elif t.state == FAILED:
        enqueue_job(SEND_JOB, {"transmission_id": t.id}, company_id=t.company_id, user_id=None)
    return redirect(url_for("peppol.transmission_detail", transmission_id=transmission_id), 303)
