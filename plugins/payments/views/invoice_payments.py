"""Payments on the invoice page: history and balance (a slot), and the "Record payment" dialog.

The history section re-fetches itself when a payment, reversal or refund touches the invoice,
so the balance on an open page follows changes made anywhere (API, another tab, a job).
"""

from __future__ import annotations

from decimal import Decimal

from flask import redirect, render_template, url_for
from markupsafe import Markup
from sqlalchemy import select

from core.api import (
    DomainError,
    company_id,
    current_actor,
    db,
    get_or_404,
    is_htmx,
    may,
    record_page,
    render,
)
from plugins.invoicing.public import INVOICE, Invoice, settlement
from plugins.payments import settings
from plugins.payments.api.common import commit
from plugins.payments.credit.page import credit_context
from plugins.payments.forms import RecordPaymentForm, apply_errors, method_label
from plugins.payments.models import Allocation, Payment
from plugins.payments.permissions import READ, WRITE
from plugins.payments.services import inputs, ledger, record
from plugins.payments.views import bp
from plugins.payments.views.form_keys import form_idempotent, new_key

SLOT = "invoicing.invoice.payments"
ACTIONS_SLOT = "invoicing.invoice.actions"


def balance(invoice: Invoice) -> Decimal:
    """Amount due derived from the ledger, never below zero."""
    return max(settlement.amount_due(invoice, ledger.paid_on(invoice.id)), Decimal("0.00"))


def payable(invoice: Invoice) -> bool:
    return invoice.type == INVOICE and invoice.status in settlement.PAYABLE_STATUSES


def history(invoice: Invoice) -> list[tuple[Allocation, Payment]]:
    rows = db.session.execute(
        select(Allocation, Payment)
        .join(Payment, Allocation.payment_id == Payment.id)
        .where(Allocation.invoice_id == invoice.id)
        .order_by(Allocation.id)
    )
    return [(alloc, payment) for alloc, payment in rows]


def history_context(
    invoice: Invoice, notice: str | None = None, credit_form=None, credit_error=None
) -> dict:
    due = balance(invoice)
    return {
        "invoice": invoice,
        "rows": history(invoice),
        "amount_due": due,
        "can_record": payable(invoice) and due > 0 and may(WRITE),
        "method_label": method_label,
        "notice": notice,
        # Credit can only pay what an open invoice still owes.
        **credit_context(invoice, due if payable(invoice) else 0, credit_form, credit_error),
    }


def render_slot(slot: str, context: dict):
    """HTML for the invoice page's payments slot and its action bar (payments' ``render_slot``
    hookimpl)."""
    invoice = context.get("invoice")
    actor = current_actor()
    if slot == ACTIONS_SLOT and invoice is not None and actor is not None:
        return _record_button(invoice)
    if slot != SLOT or invoice is None or invoice.is_draft or invoice.type != INVOICE:
        return None
    if actor is None or not actor.can(READ):
        return None
    return Markup(render_template("payments/_invoice_slot.html", **history_context(invoice)))


def _record_button(invoice: Invoice):
    """ "Record payment" in the invoice's action bar while something is still due."""
    if not (payable(invoice) and may(WRITE) and balance(invoice) > 0):
        return None
    return Markup(render_template("payments/_record_button.html", invoice=invoice))


@bp.get("/invoices/<int:invoice_id>/history")
@record_page(Invoice, READ, "invoice")
def invoice_history(invoice: Invoice):
    return render("payments/invoice_history.html", block="history", **history_context(invoice))


def _form_page(invoice: Invoice, form: RecordPaymentForm, status=200, error=None):
    form.idempotency_key.data = new_key()  # every rendered form is a new attempt
    return render(
        "payments/record_form.html",
        block="form",
        status=status,
        invoice=invoice,
        form=form,
        error=error,
        amount_due=balance(invoice),
        keeps_credit=settings.overpayment_policy(invoice.company_id) == settings.CREDIT,
    )


@bp.get("/invoices/<int:invoice_id>/record")
@record_page(Invoice, WRITE, "invoice")
def record_form(invoice: Invoice):
    form = RecordPaymentForm(formdata=None)
    form.amount.data = str(balance(invoice))
    return _form_page(invoice, form)


@bp.post("/invoices/<int:invoice_id>/record")
@record_page(Invoice, WRITE, "invoice")
@form_idempotent
def record_payment(invoice: Invoice):
    form = RecordPaymentForm()
    if not form.validate_on_submit():
        return _form_page(invoice, form, status=422)
    try:
        payment = record.record(company_id(), inputs.payment(form.payload(invoice.id)), _uid())
        commit()
    except DomainError as exc:
        db.session.rollback()
        invoice = get_or_404(Invoice, invoice.id, "invoice")
        placed = apply_errors(form, exc)
        return _form_page(invoice, form, status=422, error=None if placed else exc.message)
    if not is_htmx():
        return redirect(url_for("invoicing.invoice_detail", invoice_id=invoice.id), 303)
    db.session.expire_all()
    invoice = get_or_404(Invoice, invoice.id, "invoice")
    return render(
        "payments/record_done.html",
        block="done",
        status=201,
        payment=payment,
        **history_context(invoice),
    )


def _uid():
    return current_actor().user_id
