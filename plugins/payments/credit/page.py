""" "Apply credit" on the invoice page: pay the invoice from its customer's credit.

The form posts to the same service as ``POST /api/v1/payments/credit-allocations`` and carries
an idempotency key (``form_keys.py``), so a double click applies the credit once. The answer
is the invoice's payments section again, with the new balance or the service's refusal.
"""

from __future__ import annotations

from decimal import Decimal

from flask import redirect, url_for

from core.api import (
    DomainError,
    ValidationFailed,
    _,
    company_id,
    current_actor,
    db,
    format_money,
    get_or_404,
    is_htmx,
    may,
    record_page,
    render,
)
from plugins.invoicing.public import Invoice
from plugins.payments import credit
from plugins.payments.api.common import commit
from plugins.payments.credit import use as credit_use
from plugins.payments.forms import ApplyCreditForm
from plugins.payments.permissions import WRITE
from plugins.payments.services import inputs
from plugins.payments.views import bp
from plugins.payments.views.form_keys import form_idempotent, new_key


def available(invoice: Invoice) -> Decimal:
    """The customer's unused credit in the invoice's currency."""
    left = credit.balance(invoice.company_id, invoice.customer_id).get(invoice.currency)
    return max(left or Decimal("0.00"), Decimal("0.00"))


def credit_context(invoice: Invoice, due: Decimal, form=None, error=None) -> dict:
    """What the payments section needs for its "Apply credit" form (no form when unusable)."""
    left = available(invoice)
    usable = left > 0 and due > 0 and may(WRITE)
    if usable and form is None:
        form = ApplyCreditForm(formdata=None)
        form.amount.data = str(min(left, due))
    if form is not None:
        form.idempotency_key.data = new_key()  # every rendered form is a new attempt
    return {
        "credit_available": left,
        "credit_form": form if usable else None,
        "credit_error": error,
    }


@bp.post("/invoices/<int:invoice_id>/apply-credit")
@record_page(Invoice, WRITE, "invoice")
@form_idempotent
def apply_credit(invoice: Invoice):
    form = ApplyCreditForm()
    try:
        if not form.validate_on_submit():
            raise ValidationFailed({}, _first_error(form))
        errors = inputs.Errors()
        amount = inputs.money({"amount": form.amount.data.strip()}, "amount", errors)
        errors.check()
        credit_use.apply(company_id(), invoice.customer_id, invoice.id, amount, _uid())
        commit()
    except DomainError as exc:
        db.session.rollback()
        invoice = get_or_404(Invoice, invoice.id, "invoice")
        return _section(invoice, 422, credit_form=form, credit_error=_message(exc))
    if not is_htmx():
        return redirect(url_for("invoicing.invoice_detail", invoice_id=invoice.id), 303)
    db.session.expire_all()
    invoice = get_or_404(Invoice, invoice.id, "invoice")
    notice = _("%(amount)s of credit applied.", amount=format_money(amount, invoice.currency))
    return _section(invoice, 201, notice=notice)


def _section(invoice: Invoice, status: int, **extra):
    from plugins.payments.views.invoice_payments import history_context

    context = history_context(invoice, **extra)
    return render("payments/invoice_history.html", block="history", status=status, **context)


def _message(exc: DomainError) -> str:
    fields = (exc.details or {}).get("fields") if exc.code == "validation_failed" else None
    return "; ".join(f"Amount {text}" for text in fields.values()) if fields else exc.message


def _first_error(form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return _("The form is not valid.")


def _uid():
    return current_actor().user_id
