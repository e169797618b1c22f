"""The user's language, time zone and name, set on the account page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import Length

from core.i18n.selection import LOCALES
from core.i18n.zones import zone_choices


class PreferencesForm(FlaskForm):
    full_name = StringField(_l("Your name"), validators=[Length(max=200)])
    locale = SelectField(_l("Language"))
    timezone = SelectField(_l("Time zone"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unset = _l("The company's default, else the browser's")
        self.locale.choices = [("", unset)] + list(LOCALES.items())
        self.timezone.choices = [("", _l("The company's time zone"))] + zone_choices()
