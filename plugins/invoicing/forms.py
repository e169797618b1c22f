"""Flask-WTF forms of the invoicing pages.

The forms only carry the typed text to the services (services/drafts.py, customers.py), which
own every rule; ``apply_errors`` puts the services' field messages back on the form fields so
the pages and the API always agree on what is valid.
"""

from __future__ import annotations

import re

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

from core.api import DateInputField, NumberField, lazy_label
from core.api import lazy_gettext as _l
from plugins.einvoice.public import codes
from plugins.invoicing import mapping

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
    "exemption_code",
    "gtin",
    "goods_type",
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
    "subdivision",
    "legal_id",
    "legal_id_type",
    "legal_id_authority",
    "peppol_id",
    "payment_terms_days",
)


def _unit_choices():
    return [SelectChoice(code, lazy_label("unit", code)) for code in codes.UNIT_CODES]


def _vat_choices():
    return [SelectChoice(code, lazy_label("vat_category", code)) for code in codes.VAT_CATEGORIES]


def _coded(labels: dict, kind: str, empty) -> list[SelectChoice]:
    """A select over one of codes.py's lists (shown by their labels), an empty choice first."""
    return [SelectChoice("", empty)] + [
        SelectChoice(code, lazy_label(kind, code)) for code in labels
    ]


def _emirate_choices():
    # Stored as ISO 3166-2 (AE-DU); mapping.EMIRATES turns it into the code PINT-AE writes.
    return [SelectChoice("", _l("Choose an emirate…"))] + [
        SelectChoice(iso, lazy_label("emirate", iso)) for iso in mapping.EMIRATES
    ]


# Which line fields matter for which VAT category (the editor hides the others): a reason and
# VATEX code wherever no VAT is charged, and for the UAE reverse charge the GTIN and goods type
# PINT-AE asks for (ibr-166/174-ae).
LINE_FIELD_CATEGORIES = {
    "exemption_reason": ("Z", "E", "O", "AE"),
    "exemption_code": ("Z", "E", "O", "AE"),
    "gtin": ("AE",),
    "goods_type": ("AE",),
}
# Suggestions for the VATEX code (codes.py holds no full list; the service checks the shape).
VATEX_SUGGESTIONS = tuple(codes.DEFAULT_EXEMPTION_CODES.values())


class LineForm(Form):
    """One invoice line; a sub-form without its own CSRF token (the editor form has one)."""

    description = StringField(_l("Description"))
    quantity = NumberField(_l("Quantity"), default="1")
    unit_code = SelectField(_l("Unit"), choices=_unit_choices(), default="C62")
    unit_price = NumberField(_l("Unit price"))
    allowance = NumberField(_l("Allowance"), default="0")
    tax_category = SelectField(_l("VAT"), choices=_vat_choices(), default="S")
    exemption_reason = StringField(_l("Exemption reason"))
    exemption_code = StringField(
        _l("Exemption code"), description=_l("VATEX code, e.g. VATEX-EU-132")
    )
    gtin = StringField(_l("GTIN"), description=_l("GS1 item number, 8 to 14 digits"))
    goods_type = SelectField(
        _l("Goods type"),
        choices=_coded(codes.REVERSE_CHARGE_GOODS, "goods_type", _l("Type of goods…")),
        validate_choice=False,
    )


class InvoiceForm(FlaskForm):
    customer_id = SelectField(_l("Customer"), choices=[], validate_choice=False)
    # Dates stay text: the service reports a bad date with the same message as the API.
    issue_date = DateInputField(_l("Issue date"))
    due_date = DateInputField(_l("Due date"), description=_l("Empty: the customer's payment terms"))
    currency = StringField(_l("Currency"), default="AED")
    exchange_rate = NumberField(_l("Exchange rate to AED"), default="1")
    buyer_reference = StringField(
        _l("Buyer reference"), description=_l("Peppol BIS: this or the order reference (R003)")
    )
    order_reference = StringField(
        _l("Purchase order reference"),
        description=_l("Peppol BIS: this or the buyer reference (R003)"),
    )
    notes = TextAreaField(_l("Notes"))
    payment_iban = StringField(
        _l("IBAN for payment"),
        description=_l("Peppol BIS / PINT-AE: credit transfer needs one (BR-61)"),
    )
    # Credit notes only (the editor shows it for them); PINT-AE ibr-158-ae.
    credit_reason = SelectField(
        _l("Credit note reason"),
        choices=_coded(codes.CREDIT_NOTE_REASONS, "credit_reason", _l("Choose a reason…")),
        validate_choice=False,
    )
    lines = FieldList(FormField(LineForm), min_entries=1, max_entries=1000)

    def payload(self, credit_note: bool = False) -> dict:
        """The JSON-shaped body the drafts service takes (the API sends the same)."""
        body = {name: getattr(self, name).data for name in HEADER_FIELDS}
        if credit_note:
            body["credit_reason"] = self.credit_reason.data
        body["lines"] = [line_payload(entry.form) for entry in self.lines]
        return body


def line_payload(form: LineForm) -> dict:
    # No rate field: the service derives it from the category (5 % for S, 0 otherwise).
    return {name: getattr(form, name).data for name in LINE_FIELDS}


class CustomerForm(FlaskForm):
    name = StringField(_l("Name"))
    trn = StringField(_l("TRN"), description=_l("UAE: 15 digits"))
    vat_ids = StringField(_l("Other VAT ids"), description=_l("Comma separated, with ISO prefix"))
    email = EmailField(_l("E-mail"))
    phone = StringField(_l("Phone"))
    address_line1 = StringField(
        _l("Address line 1"),
        description=_l("PINT-AE: street, city and emirate/region (ibr-144-ae)"),
    )
    address_line2 = StringField(_l("Address line 2"))
    city = StringField(_l("City"), description=_l("PINT-AE: required (ibr-144-ae)"))
    postal_code = StringField(_l("Postal code"))
    country = StringField(_l("Country"), default="AE", description=_l("Two-letter ISO code"))
    emirate = SelectField(
        _l("Emirate"),
        choices=_emirate_choices(),
        validate_choice=False,
        description=_l("UAE addresses"),
    )
    subdivision = StringField(
        _l("Region or state"),
        description=_l("Outside the UAE: ISO 3166-2 code, e.g. BE-BRU, US-NY"),
    )
    legal_id = StringField(
        _l("Legal registration number"),
        description=_l("Trade licence, ID, ...; PINT-AE: required on out-of-scope (480) invoices"),
    )
    legal_id_type = SelectField(
        _l("Registration type"),
        choices=_coded(codes.LEGAL_ID_TYPES, "legal_id_type", _l("None")),
        validate_choice=False,
        description=_l("Needed with a registration number"),
    )
    legal_id_authority = StringField(
        _l("Issuing authority"),
        description=_l("Trade licence: the authority; passport: country (IN)"),
    )
    peppol_id = StringField(
        _l("Peppol participant ID"),
        description=_l("scheme:value, e.g. 0235:1…; Peppol BIS: required (R010)"),
    )
    payment_terms_days = StringField(_l("Payment terms (days)"), default="30")

    def payload(self) -> dict:
        return {name: getattr(self, name).data for name in CUSTOMER_FIELDS}


class CreditNoteForm(FlaskForm):
    """The credit-note action asks why (UAE VAT law art. 61; PINT-AE ibr-158-ae)."""

    credit_reason = SelectField(
        _l("Reason"),
        choices=_coded(codes.CREDIT_NOTE_REASONS, "credit_reason", _l("Choose a reason…")),
        validate_choice=False,
    )


def field_label(name: str) -> str:
    """``lines[2].unit_price`` → "Line 3, Unit price" (what the user sees, not the key)."""
    match = re.fullmatch(r"lines\[(\d+)\]\.(\w+)", name)
    if match:
        field = getattr(LineForm, match.group(2), None)
        text = str(field.args[0]) if field is not None and field.args else match.group(2)
        return str(_l("Line %(num)s, %(field)s", num=int(match.group(1)) + 1, field=text))
    match = re.fullmatch(r"lines\[(\d+)\]", name)
    if match:
        return str(_l("Line %(num)s", num=int(match.group(1)) + 1))
    field = getattr(InvoiceForm, name, None) or getattr(CustomerForm, name, None)
    if field is not None and field.args:
        return str(field.args[0])
    return name.replace("_", " ").capitalize()


def apply_errors(form, fields: dict) -> None:
    """Attach service messages (``lines[2].quantity`` style names) to the form's fields."""
    leftovers = []
    for name, message in fields.items():
        field = _field_for(form, name)
        if field is None:
            leftovers.append(f"{field_label(name)}: {message}")
        else:
            field.errors = [*(field.errors or []), message]
    form.form_errors = [*getattr(form, "form_errors", []), *leftovers]
    lines = getattr(form, "lines", None)
    if isinstance(lines, FieldList) and any(entry.errors for entry in lines.entries):
        # A FieldList keeps the errors it saw in validate(); the service's came later, and
        # without them here the page would not say that nothing was saved.
        lines.errors = [entry.errors for entry in lines.entries]


def _field_for(form, name: str):
    if name.startswith("lines[") and "]" in name:
        index, _, rest = name[6:].partition("]")
        entries = form.lines.entries
        if not index.isdigit() or int(index) >= len(entries):
            return None
        sub = entries[int(index)].form
        return getattr(sub, rest.lstrip("."), None) if rest else None
    return getattr(form, name, None) if name in form else None
