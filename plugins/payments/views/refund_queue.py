"""/payments/refunds: the refunds queue; approve, process or reject by permission."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import func, select

from core.api import (
    ApiError,
    DomainError,
    _,
    db,
    format_money,
    id_order,
    is_htmx,
    may,
    record_page,
    render,
    require,
)
from core.api import lazy_gettext as _l
from plugins.payments.api.common import commit
from plugins.payments.forms import ActionForm, ReasonForm
from plugins.payments.models import APPROVED, REFUND_STATUSES, REQUESTED, Refund
from plugins.payments.permissions import APPROVE, READ
from plugins.payments.services import refunds
from plugins.payments.views import bp
from plugins.payments.views.common import customer_names
from plugins.payments.views.paging import PAGE_SIZE, window

OPEN = "open"  # requested or approved: what still waits for someone
DONE = {
    "approve": _l("Refund of %(amount)s on %(number)s approved."),
    "process": _l("Refund of %(amount)s on %(number)s paid out."),
    "reject": _l("Refund of %(amount)s on %(number)s rejected."),
}


def _query(status: str):
    query = select(Refund)
    if status == OPEN:
        return query.where(Refund.status.in_((REQUESTED, APPROVED)))
    if status in REFUND_STATUSES:
        return query.where(Refund.status == status)
    if status:
        raise ApiError(
            400, "invalid_parameter", _("Unknown refund status %(status)s.", status=repr(status))
        )
    return query


def queue_context(error=None, notice=None) -> dict:
    status = request.args.get("status", OPEN)
    total, rows, limit, offset = 0, [], PAGE_SIZE, 0
    try:
        limit, offset = window()
        query = _query(status)
        total = db.session.scalar(select(func.count()).select_from(query.subquery()))
        oldest_first = query.order_by(id_order(Refund.id))
        rows = db.session.scalars(oldest_first.limit(limit).offset(offset)).all()
    except DomainError as exc:
        error = exc.message
    return {
        "rows": rows,
        "names": customer_names(r.payment.customer_id for r in rows),
        "total": total,
        "limit": limit,
        "offset": offset,
        "shown": status,
        "statuses": (OPEN, *REFUND_STATUSES),
        "can_decide": may(APPROVE),
        "action_form": ActionForm(formdata=None),
        "reject_form": ReasonForm(formdata=None),
        "error": error,
        "notice": notice,
    }


def render_queue(status: int = 200, error=None, notice=None, refusal=None):
    """``error``: the list's own (a bad filter), shown in it; ``refusal``: why a decision was
    refused, shown in the page's message area, which the queue's live re-fetch leaves alone."""
    context = queue_context(error, notice)
    code = 400 if context["error"] and status == 200 else status
    return render(
        "payments/refund_queue.html", block="queue", status=code, refusal=refusal, **context
    )


@bp.get("/refunds")
@login_required
def refund_queue():
    require(READ)
    return render_queue()


@bp.post("/refunds/<int:refund_id>/<any(approve, process, reject):action>")
@record_page(Refund, APPROVE, "refund")
def refund_decide(refund: Refund, action: str):
    form = ReasonForm() if action == "reject" else ActionForm()
    if not form.validate_on_submit():
        return render_queue(422, refusal=_("Check the reason (at most 500 characters)."))
    reason = form.reason.data or None if action == "reject" else None
    try:
        refunds.move(refund, action, reason)
        commit()
    except DomainError as exc:
        db.session.rollback()
        return render_queue(exc.status, refusal=exc.message)
    amount = format_money(refund.amount, refund.payment.currency)
    message = str(DONE[action]) % {"amount": amount, "number": refund.payment.number}
    if is_htmx():
        return render_queue(notice=message)
    flash(message, "success")
    return redirect(url_for("payments.refund_queue", **request.args), 303)
