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

from core.api import DomainError
from plugins.payments.services import methods

METHOD_LABELS = {
    "bank_transfer": "Bank transfer",
    "card": "Card",
    "cash": "Cash",
    "cheque": "Cheque",
    "wallet": "Wallet",
    "other": "Other",
}


def method_label(code: str) -> str:
    return METHOD_LABELS.get(code, code.replace("_", " ").capitalize())


class KeyedForm(FlaskForm):
    """A form that creates records: the key makes a double submit create one (form_keys.py)."""

    idempotency_key = HiddenField(validators=[InputRequired("Reload the form and try again.")])


class RecordPaymentForm(KeyedForm):
    amount = StringField("Amount", validators=[InputRequired()])
    method = SelectField("Method")
    date = DateField("Date", validators=[InputRequired()], default=dt.date.today)
    reference = StringField("Reference", validators=[Optional(), Length(max=200)])
    notes = TextAreaField("Notes", validators=[Optional(), Length(max=5000)])

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

    amount = StringField("Credit to apply", validators=[InputRequired()])


class RefundRequestForm(KeyedForm):
    amount = StringField("Amount", validators=[InputRequired()])
    reason = StringField("Reason", validators=[InputRequired(), Length(max=500)])


class ReasonForm(FlaskForm):
    """Reversal of a payment, rejection of a refund: an optional reason."""

    reason = StringField("Reason", validators=[Optional(), Length(max=500)])


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
            field.errors = [*field.errors, message] if isinstance(field.errors, list) else [message]
            placed = True
    return placed
