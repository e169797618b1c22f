"""The payment part of the bill page: pay an approved bill (partly or fully), reverse a payment."""

from __future__ import annotations

import datetime as dt

from flask import request
from flask_login import login_required
from sqlalchemy import select

from core.api import _, current_actor, db, may
from plugins.ap.models import Bill, BillPayment
from plugins.ap.models.bill import INVOICE, PAYABLE_STATUSES
from plugins.ap.permissions import PAY
from plugins.ap.services import pay_methods, paying
from plugins.ap.views import bp

FIELDS = ("amount", "method", "date", "reference")


def payments_context(bill: Bill) -> dict:
    rows = db.session.scalars(
        select(BillPayment).where(BillPayment.bill_id == bill.id).order_by(BillPayment.id)
    ).all()
    reversed_ids = {row.reversal_of_id for row in rows if row.reversal_of_id}
    return {
        "payments": rows,
        "reversed_ids": reversed_ids,
        "amount_due": paying.due(bill),
        "can_pay": may(PAY) and bill.kind == INVOICE,
        "payable": bill.status in PAYABLE_STATUSES and bill.kind == INVOICE,
        "pay_methods": pay_methods.allowed(),
        "today": dt.date.today(),
    }


def _form() -> dict:
    return {name: (request.form.get(name) or "").strip() or None for name in FIELDS}


@bp.post("/bills/<int:bill_id>/payments")
@login_required
def bill_pay(bill_id: int):
    from plugins.ap.views.bill_review import act

    def action(bill):
        paying.pay(bill.id, _form(), current_actor().user_id)

    return act(bill_id, PAY, action, _("Payment recorded."))


@bp.post("/bills/<int:bill_id>/payments/<int:payment_id>/reverse")
@login_required
def bill_payment_reverse(bill_id: int, payment_id: int):
    from plugins.ap.views.bill_review import act

    def action(bill):
        paying.reverse(bill.id, payment_id, request.form.get("reason"), current_actor().user_id)

    return act(bill_id, PAY, action, _("Payment reversed."))
