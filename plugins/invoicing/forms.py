"""Flask-WTF forms of the invoicing pages.

The forms only carry the typed text to the services (services/drafts.py, customers.py), which
own every rule; ``apply_errors`` puts the services' field messages back on the form fields so
the pages and the API always agree on what is valid.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    FieldList,
    Form,
    FormField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)

from plugins.invoicing import codes

HEADER_FIELDS = (
    "customer_id",
    "issue_date",
    "due_date",
    "currency",
    "exchange_rate",
    "buyer_reference",
    "order_reference",
    "notes",
    "payment_iban",
)
LINE_FIELDS = (
    "description",
    "quantity",
    "unit_code",
    "unit_price",
    "allowance",
    "tax_category",
    "exemption_reason",
)
CUSTOMER_FIELDS = (
    "name",
    "trn",
    "vat_ids",
    "email",
    "phone",
    "address_line1",
    "address_line2",
    "city",
    "postal_code",
    "country",
    "emirate",
    "peppol_id",
    "payment_terms_days",
)


def _unit_choices():
    return [SelectChoice(code, f"{code} · {label}") for code, label in codes.UNIT_CODES.items()]


def _vat_choices():
    return [SelectChoice(code, f"{code} · {label}") for code, label in codes.VAT_CATEGORIES.items()]


class LineForm(Form):
    """One invoice line; a sub-form without its own CSRF token (the editor form has one)."""

    description = StringField("Description")
    quantity = StringField("Quantity", default="1")
    unit_code = SelectField("Unit", choices=_unit_choices(), default="C62")
    unit_price = StringField("Unit price")
    allowance = StringField("Allowance", default="0")
    tax_category = SelectField("VAT", choices=_vat_choices(), default="S")
    exemption_reason = StringField("Exemption reason")


class InvoiceForm(FlaskForm):
    customer_id = SelectField("Customer", choices=[], validate_choice=False)
    # Dates stay text: the service reports a bad date with the same message as the API.
    issue_date = StringField("Issue date", render_kw={"type": "date"})
    due_date = StringField("Due date", description="Empty: the customer's payment terms")
    currency = StringField("Currency", default="AED")
    exchange_rate = StringField("Exchange rate to AED", default="1")
    buyer_reference = StringField("Buyer reference")
    order_reference = StringField("Purchase order reference")
    notes = TextAreaField("Notes")
    payment_iban = StringField("IBAN for payment")
    lines = FieldList(FormField(LineForm), min_entries=1, max_entries=1000)

    def payload(self) -> dict:
        """The JSON-shaped body the drafts service takes (the API sends the same)."""
        body = {name: getattr(self, name).data for name in HEADER_FIELDS}
        body["lines"] = [line_payload(entry.form) for entry in self.lines]
        return body


def line_payload(form: LineForm) -> dict:
    # No rate field: the service derives it from the category (5 % for S, 0 otherwise).
    return {name: getattr(form, name).data for name in LINE_FIELDS}


class CustomerForm(FlaskForm):
    name = StringField("Name")
    trn = StringField("TRN", description="UAE: 15 digits")
    vat_ids = StringField("Other VAT ids", description="Comma separated, with ISO prefix")
    email = EmailField("E-mail")
    phone = StringField("Phone")
    address_line1 = StringField("Address line 1")
    address_line2 = StringField("Address line 2")
    city = StringField("City")
    postal_code = StringField("Postal code")
    country = StringField("Country", default="AE", description="Two-letter ISO code")
    emirate = StringField("Emirate", description="UAE addresses: AE-DU, AE-AZ, AE-SH, ...")
    peppol_id = StringField("Peppol participant ID", description="scheme:value, e.g. 0235:1…")
    payment_terms_days = StringField("Payment terms (days)", default="30")

    def payload(self) -> dict:
        return {name: getattr(self, name).data for name in CUSTOMER_FIELDS}


def apply_errors(form, fields: dict) -> None:
    """Attach service messages (``lines[2].quantity`` style names) to the form's fields."""
    leftovers = []
    for name, message in fields.items():
        field = _field_for(form, name)
        if field is None:
            leftovers.append(f"{name} {message}")
        else:
            field.errors = [*(field.errors or []), message]
    form.form_errors = [*getattr(form, "form_errors", []), *leftovers]


def _field_for(form, name: str):
    if name.startswith("lines[") and "]" in name:
        index, _, rest = name[6:].partition("]")
        entries = form.lines.entries
        if not index.isdigit() or int(index) >= len(entries):
            return None
        sub = entries[int(index)].form
        return getattr(sub, rest.lstrip("."), None) if rest else None
    return getattr(form, name, None) if name in form else None
