"""/peppol/transmissions/<id>: one transmission with its attempts and MLS, retry, refresh
(the list is plugins.peppol.views.lists)."""

from __future__ import annotations

from flask import redirect, url_for

from core.api import enqueue_job, may, record_page, render
from plugins.peppol import tracking
from plugins.peppol.models import FAILED, Transmission
from plugins.peppol.permissions import READ, SEND
from plugins.peppol.transmit import SEND_JOB
from plugins.peppol.views import bp
from plugins.peppol.views.common import STATE_CLASS


@bp.get("/transmissions/<int:transmission_id>")
@record_page(Transmission, READ, "transmission")
def transmission_detail(t: Transmission):
    return render(
        "peppol/transmission.html",
        block="detail",
        t=t,
        mls=tracking.mls_dict(t),
        can_send=may(SEND),
        state_class=STATE_CLASS,
    )


@bp.post("/transmissions/<int:transmission_id>/<any(retry, refresh):action>")
@record_page(Transmission, SEND, "transmission")
def transmission_action(t: Transmission, action: str):
    if action == "refresh":
        tracking.refresh(t)
    elif t.state == FAILED:
        enqueue_job(SEND_JOB, {"transmission_id": t.id}, company_id=t.company_id, user_id=None)
    return redirect(url_for("peppol.transmission_detail", transmission_id=t.id), 303)
