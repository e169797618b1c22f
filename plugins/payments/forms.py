"""Flask-WTF forms of the payments pages.

They only carry the typed text to the services (``services/inputs.py`` owns every rule);
``apply_errors`` puts the services' field messages back on the matching form fields, so the
pages and the API always agree on what is valid.
"""

from __future__ import annotations

import datetime as dt

from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from core.api import DomainError, NumberField, label
from core.api import lazy_gettext as _l
from plugins.payments.services import methods


def method_label(code: str) -> str:
    """The method's label (``code_labels``); a plugin's code without one, in words."""
    text = label("method", code)
    return text if text != code else code.replace("_", " ").capitalize()


class KeyedForm(FlaskForm):
    """A form that creates records: the key makes a double submit create one (form_keys.py)."""

    idempotency_key = HiddenField(validators=[InputRequired(_l("Reload the form and try again."))])


class RecordPaymentForm(KeyedForm):
    amount = NumberField(_l("Amount"), validators=[InputRequired()], digits=2)
    method = SelectField(_l("Method"))
    date = DateField(_l("Date"), validators=[InputRequired()], default=dt.date.today)
    reference = StringField(_l("Reference"), validators=[Optional(), Length(max=200)])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.method.choices = [(code, method_label(code)) for code in methods.allowed()]

    def payload(self, invoice_id: int) -> dict:
        """The API's request body for one allocation of the whole amount to this invoice."""
        amount = (self.amount.data or "").strip()
        return {
            "amount": amount,
            "method": self.method.data,
            "date": self.date.data.isoformat(),
            "reference": self.reference.data or None,
            "notes": self.notes.data or None,
            "allocations": [{"invoice_id": invoice_id, "amount": amount}],
        }


class ApplyCreditForm(KeyedForm):
    """Pay an invoice from its customer's credit (``credit/use.py``)."""

    amount = NumberField(_l("Credit to apply"), validators=[InputRequired()], digits=2)


class RefundRequestForm(KeyedForm):
    # Its own ids: the payment page also holds the reversal's reason field.
    amount = NumberField(_l("Amount"), validators=[InputRequired()], digits=2, id="refund-amount")
    reason = StringField(
        _l("Reason"), validators=[InputRequired(), Length(max=500)], id="refund-reason"
    )


class ReasonForm(FlaskForm):
    """Reversal of a payment, rejection of a refund: an optional reason."""

    reason = StringField(_l("Reason"), validators=[Optional(), Length(max=500)])


class ActionForm(FlaskForm):
    """Approve / process buttons: only the CSRF token."""


# Service field names that live on another form field ("allocations[0].amount" is the amount).
FIELD_ALIASES = {"allocations[0].amount": "amount", "allocations": "amount"}


def apply_errors(form: FlaskForm, exc: DomainError) -> bool:
    """Put an ApiError's field messages on the form; False when it names no form field."""
    fields = exc.details.get("fields") if exc.code == "validation_failed" else None
    placed = False
    for name, message in (fields or {}).items():
        field = getattr(form, FIELD_ALIASES.get(name, name), None)
        if field is not None and hasattr(field, "errors"):
            said = field.errors if isinstance(field.errors, list) else []
            field.errors = said if message in said else [*said, message]  # the same words once
            placed = True
    return placed
