"""Actions on a purchase order's page: send, close, cancel, and receive goods."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import login_required

from core.api import DomainError, _, db, field_sentences, get_or_404, require
from core.api import lazy_gettext as _l
from plugins.ap.api.common import commit
from plugins.ap.models import PurchaseOrder
from plugins.ap.permissions import WRITE
from plugins.ap.services import match_run, orders, receipts
from plugins.ap.views import bp

ACTIONS = {"send": orders.send, "close": orders.close, "cancel": orders.cancel}
DONE = {
    "send": _l("Purchase order sent."),
    "close": _l("Purchase order closed."),
    "cancel": _l("Purchase order cancelled."),
}


def _back(order_id: int):
    return redirect(url_for("ap.order_detail", order_id=order_id))


@bp.post("/purchase-orders/<int:order_id>/<any(send, close, cancel):action>")
@login_required
def order_move(order_id: int, action: str):
    require(WRITE)
    try:
        order = ACTIONS[action](get_or_404(PurchaseOrder, order_id))
        match_run.rematch_order(order.id)
        commit()
        flash(str(DONE[action]), "success")
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    return _back(order_id)


def _receipt_lines(order: PurchaseOrder) -> list[dict]:
    """The form's rows: one per PO line with a received quantity filled in."""
    lines = []
    for line in order.lines:
        received = request.form.get(f"received_{line.id}", "").strip()
        if not received:
            continue
        accepted = request.form.get(f"accepted_{line.id}", "").strip() or received
        reason = request.form.get(f"reason_{line.id}", "").strip() or None
        lines.append({"po_line_id": line.id, "received_quantity": received,
                      "accepted_quantity": accepted, "rejection_reason": reason})  # fmt: skip
    return lines


@bp.post("/purchase-orders/<int:order_id>/receive")
@login_required
def order_receive(order_id: int):
    require(WRITE)
    order = get_or_404(PurchaseOrder, order_id)
    body = {"received_date": request.form.get("received_date", ""),
            "lines": _receipt_lines(order)}  # fmt: skip
    try:
        receipt = receipts.post(order, body, None)
        commit()
        flash(_("Goods receipt %(number)s posted.", number=receipt.number), "success")
    except DomainError as exc:
        db.session.rollback()
        fields = exc.details.get("fields", {})
        flash(" ".join([exc.message, *field_sentences(fields)]), "error")
    return _back(order_id)
