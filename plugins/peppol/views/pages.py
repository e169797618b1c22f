"""/peppol/transmissions/<id>: one transmission with its attempts and MLS, retry, refresh
(the list is plugins.peppol.views.lists)."""

from __future__ import annotations

from flask import redirect, url_for
from flask_login import login_required

from core.api import enqueue_job, get_or_404, may, render, require
from plugins.peppol import tracking
from plugins.peppol.models import FAILED, Transmission
from plugins.peppol.permissions import READ, SEND
from plugins.peppol.transmit import SEND_JOB
from plugins.peppol.views import bp
from plugins.peppol.views.common import STATE_CLASS


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
