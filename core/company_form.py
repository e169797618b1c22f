"""The company profile form of /company/edit; the rules themselves live in core.company_rules."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField
from wtforms.fields.choices import SelectChoice

from core.company_rules import EDITABLE_FIELDS, LEGAL_ID_TYPES, clean_company
from core.i18n.selection import LOCALES
from core.i18n.zones import zone_choices


class CompanyForm(FlaskForm):
    name = StringField(_l("Company name"))
    trn = StringField(
        _l("Tax registration number (TRN)"), description=_l("UAE: 15 digits, starts with 1")
    )
    address_line1 = StringField(_l("Address line 1"))
    address_line2 = StringField(_l("Address line 2"))
    city = StringField(_l("City"))
    postal_code = StringField(_l("Postal code"))
    country = StringField(_l("Country"), description=_l("Two-letter ISO code, e.g. AE"))
    subdivision = StringField(
        _l("Emirate / region"),
        description=_l("The emirate or region as its ISO 3166-2 code"),
        render_kw={"placeholder": "AE-DU"},
    )
    legal_id = StringField(
        _l("Legal registration number"), description=_l("e.g. trade licence number")
    )
    # The shared rules judge the choice, so a forged value gets their message, not WTForms'.
    legal_id_type = SelectField(
        _l("Registration type"),
        choices=[SelectChoice("", "—")] + [SelectChoice(k, v) for k, v in LEGAL_ID_TYPES.items()],
        validate_choice=False,
    )
    legal_id_authority = StringField(
        _l("Issuing authority"),
        description=_l(
            "Trade licence: the licensing authority; passport: the issuing country code"
        ),
    )
    peppol_id = StringField(
        _l("Peppol participant ID"), description=_l("scheme:id, e.g. 0235:1001234567")
    )
    iban = StringField(_l("IBAN"))
    email = EmailField(_l("Invoicing e-mail"))
    phone = StringField(_l("Phone"))
    # Defaults for users who chose none on their account page, and the language of documents.
    locale = SelectField(
        _l("Default language"),
        description=_l("For users who chose none, and for invoices and receipts (PDF)"),
        validate_choice=False,
    )
    timezone = SelectField(
        _l("Default time zone"),
        description=_l("For users who chose none, and for dates on documents"),
        validate_choice=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale.choices = [SelectChoice("", _l("The browser's language"))] + [
            SelectChoice(code, name) for code, name in LOCALES.items()
        ]
        self.timezone.choices = [SelectChoice("", "UTC")] + [
            SelectChoice(zone, text) for zone, text in zone_choices()
        ]

    def submitted_profile(self) -> dict:
        return {name: getattr(self, name).data for name in EDITABLE_FIELDS}

    def clean(self, current: dict) -> dict | None:
        """Cleaned values, or None after attaching the shared rules' messages to the fields."""
        cleaned, errors = clean_company(self.submitted_profile(), current=current)
        for name, message in errors.items():
            getattr(self, name).errors = [message]
        return None if errors else cleaned
