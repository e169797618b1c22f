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
    return [SelectChoice(code, f"{code} · {label}") for code, label in codes.UNIT_CODES.items()]


def _vat_choices():
    return [SelectChoice(code, f"{code} · {label}") for code, label in codes.VAT_CATEGORIES.items()]


def _coded(labels: dict, empty: str) -> list[SelectChoice]:
    """A select over one of codes.py's lists, with an empty first choice."""
    return [SelectChoice("", empty)] + [
        SelectChoice(code, f"{code} · {label}") for code, label in labels.items()
    ]


def _emirate_choices():
    # Stored as ISO 3166-2 (AE-DU); mapping.EMIRATES turns it into the code PINT-AE writes.
    names = {iso: codes.UAE_EMIRATES[short] for iso, short in mapping.EMIRATES.items()}
    return [SelectChoice("", "Choose an emirate…")] + [
        SelectChoice(iso, name) for iso, name in names.items()
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

    description = StringField("Description")
    quantity = StringField("Quantity", default="1")
    unit_code = SelectField("Unit", choices=_unit_choices(), default="C62")
    unit_price = StringField("Unit price")
    allowance = StringField("Allowance", default="0")
    tax_category = SelectField("VAT", choices=_vat_choices(), default="S")
    exemption_reason = StringField("Exemption reason")
    exemption_code = StringField("Exemption code", description="VATEX code, e.g. VATEX-EU-132")
    gtin = StringField("GTIN", description="GS1 item number, 8 to 14 digits")
    goods_type = SelectField(
        "Goods type",
        choices=_coded(codes.REVERSE_CHARGE_GOODS, "Type of goods…"),
        validate_choice=False,
    )


class InvoiceForm(FlaskForm):
    customer_id = SelectField("Customer", choices=[], validate_choice=False)
    # Dates stay text: the service reports a bad date with the same message as the API.
    issue_date = StringField("Issue date", render_kw={"type": "date"})
    due_date = StringField("Due date", description="Empty: the customer's payment terms")
    currency = StringField("Currency", default="AED")
    exchange_rate = StringField("Exchange rate to AED", default="1")
    buyer_reference = StringField(
        "Buyer reference", description="Peppol BIS: this or the order reference (R003)"
    )
    order_reference = StringField(
        "Purchase order reference", description="Peppol BIS: this or the buyer reference (R003)"
    )
    notes = TextAreaField("Notes")
    payment_iban = StringField(
        "IBAN for payment", description="Peppol BIS / PINT-AE: credit transfer needs one (BR-61)"
    )
    # Credit notes only (the editor shows it for them); PINT-AE ibr-158-ae.
    credit_reason = SelectField(
        "Credit note reason",
        choices=_coded(codes.CREDIT_NOTE_REASONS, "Choose a reason…"),
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
    name = StringField("Name")
    trn = StringField("TRN", description="UAE: 15 digits")
    vat_ids = StringField("Other VAT ids", description="Comma separated, with ISO prefix")
    email = EmailField("E-mail")
    phone = StringField("Phone")
    address_line1 = StringField(
        "Address line 1", description="PINT-AE: street, city and emirate/region (ibr-144-ae)"
    )
    address_line2 = StringField("Address line 2")
    city = StringField("City", description="PINT-AE: required (ibr-144-ae)")
    postal_code = StringField("Postal code")
    country = StringField("Country", default="AE", description="Two-letter ISO code")
    emirate = SelectField(
        "Emirate", choices=_emirate_choices(), validate_choice=False, description="UAE addresses"
    )
    subdivision = StringField(
        "Region or state", description="Outside the UAE: ISO 3166-2 code, e.g. BE-BRU, US-NY"
    )
    legal_id = StringField(
        "Legal registration number",
        description="Trade licence, ID, ...; PINT-AE: required on out-of-scope (480) invoices",
    )
    legal_id_type = SelectField(
        "Registration type",
        choices=_coded(codes.LEGAL_ID_TYPES, "None"),
        validate_choice=False,
        description="Needed with a registration number",
    )
    legal_id_authority = StringField(
        "Issuing authority", description="Trade licence: the authority; passport: country (IN)"
    )
    peppol_id = StringField(
        "Peppol participant ID",
        description="scheme:value, e.g. 0235:1…; Peppol BIS: required (R010)",
    )
    payment_terms_days = StringField("Payment terms (days)", default="30")

    def payload(self) -> dict:
        return {name: getattr(self, name).data for name in CUSTOMER_FIELDS}


class CreditNoteForm(FlaskForm):
    """The credit-note action asks why (UAE VAT law art. 61; PINT-AE ibr-158-ae)."""

    credit_reason = SelectField(
        "Reason",
        choices=_coded(codes.CREDIT_NOTE_REASONS, "Choose a reason…"),
        validate_choice=False,
    )


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
