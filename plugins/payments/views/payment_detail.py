"""/payments/<id>: allocations, refunds, reversal, refund request and receipt of one payment."""

from __future__ import annotations

from decimal import Decimal

from flask import flash, redirect, url_for
from flask_login import login_required
from sqlalchemy import select

from core.api import (
    ApiError,
    DomainError,
    _,
    current_actor,
    db,
    format_money,
    get_or_404,
    get_scoped,
    is_htmx,
    may,
    record_page,
    render,
    require,
)
from plugins.payments.api.common import commit
from plugins.payments.archive import read as archive_read
from plugins.payments.forms import (
    ReasonForm,
    RefundRequestForm,
    apply_errors,
    method_label,
)
from plugins.payments.labels import reference_shown
from plugins.payments.models import POSTED, Payment, Refund
from plugins.payments.permissions import READ, WRITE
from plugins.payments.services import inputs, refunds, reverse
from plugins.payments.services.balance_after import balances_after
from plugins.payments.views import bp
from plugins.payments.views.common import customer_names, invoices_by_id
from plugins.payments.views.form_keys import form_idempotent, new_key
from plugins.payments.views.payment_archived import render_archived


def _linked(payment: Payment) -> dict:
    """The record this one reverses, or the reversal that undid it."""
    if payment.reversal_of_id:
        return {"original": db.session.get(Payment, payment.reversal_of_id), "reversal": None}
    reversal = db.session.scalar(select(Payment).where(Payment.reversal_of_id == payment.id))
    return {"original": None, "reversal": reversal}


def detail_context(payment: Payment, refund_form=None, reverse_form=None) -> dict:
    open_payment = payment.status == POSTED and not payment.is_reversal
    left = refunds.refundable(payment) if open_payment else Decimal("0.00")
    if refund_form is None:
        refund_form = RefundRequestForm(formdata=None)
        refund_form.amount.data = str(left)
    refund_form.idempotency_key.data = new_key()  # every rendered form is a new attempt
    writer = may(WRITE) and open_payment
    return {
        "payment": payment,
        "customer": customer_names([payment.customer_id]).get(payment.customer_id),
        "invoices": (invoices := invoices_by_id(a.invoice_id for a in payment.allocations)),
        "balance_after": balances_after(payment, invoices),
        "refunds": db.session.scalars(
            select(Refund).where(Refund.payment_id == payment.id).order_by(Refund.id)
        ).all(),
        "refundable": left,
        "refund_form": refund_form,
        "reverse_form": reverse_form or ReasonForm(formdata=None),
        "can_reverse": writer,
        "can_refund": writer and left > 0,
        "method_label": method_label,
        "reference_shown": reference_shown,
        **_linked(payment),
    }


def render_detail(payment: Payment, status=200, error=None, notice=None, **forms):
    return render(
        "payments/payment_detail.html",
        block="detail",
        status=status,
        refusal=error,
        notice=notice,
        **detail_context(payment, **forms),
    )


@bp.get("/<int:payment_id>")
@login_required
def payment_detail(payment_id: int):
    require(READ)
    live = get_scoped(Payment, payment_id)
    if live is None and (archived := archive_read.archived_payment(current_actor(), payment_id)):
        return render_archived(archived)  # read only: moved to the archive
    return render_detail(live or get_or_404(Payment, payment_id, "payment"))


def _done(payment_id: int, message: str):
    if is_htmx():
        db.session.expire_all()
        return render_detail(get_or_404(Payment, payment_id, "payment"), notice=message)
    flash(message, "success")
    return redirect(url_for("payments.payment_detail", payment_id=payment_id), 303)


def _refused(payment_id: int, exc: ApiError, **forms):
    db.session.rollback()
    payment = get_or_404(Payment, payment_id, "payment")
    status = 422 if forms else exc.status
    return render_detail(payment, status=status, error=exc.message, **forms)


@bp.post("/<int:payment_id>/reverse")
@record_page(Payment, WRITE, "payment")
def payment_reverse(payment: Payment):
    form = ReasonForm()
    if not form.validate_on_submit():
        return render_detail(payment, status=422, reverse_form=form)
    try:
        reversal = reverse.reverse(payment, form.reason.data or None, current_actor().user_id)
        commit()
    except DomainError as exc:
        return _refused(payment.id, exc)
    return _done(
        payment.id,
        _(
            "%(payment)s reversed by %(reversal)s.",
            payment=payment.number,
            reversal=reversal.number,
        ),
    )


@bp.post("/<int:payment_id>/refunds")
@record_page(Payment, WRITE, "payment")
@form_idempotent
def refund_request(payment: Payment):
    form = RefundRequestForm()
    if not form.validate_on_submit():
        return render_detail(payment, status=422, refund_form=form)
    data = {"payment_id": payment.id, "amount": form.amount.data, "reason": form.reason.data}
    try:
        __, amount, reason = inputs.refund(data)
        refunds.request_refund(payment, amount, reason, current_actor().user_id)
        commit()
    except DomainError as exc:
        placed = apply_errors(form, exc)
        if placed:
            db.session.rollback()
            return render_detail(get_or_404(Payment, payment.id, "payment"), 422, refund_form=form)
        return _refused(payment.id, exc, refund_form=form)
    return _done(
        payment.id,
        _(
            "Refund of %(amount)s requested; it waits for approval.",
            amount=format_money(amount, payment.currency),
        ),
    )
