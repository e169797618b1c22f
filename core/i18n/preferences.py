"""The user's language, time zone and name, set on the account page."""

from __future__ import annotations

from zoneinfo import available_timezones

from babel.dates import get_timezone_location
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import Length

from core.i18n.formatting import current_locale
from core.i18n.selection import LOCALES

# Region/City zones people pick; the legacy aliases (US/Eastern, Etc/GMT+4...) are left out.
_REGIONS = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe")
ZONES = sorted(
    zone
    for zone in available_timezones()
    if zone.split("/", 1)[0] in (*_REGIONS, "Indian", "Pacific") and "/" in zone
) + ["UTC"]


def zone_choices() -> list[tuple[str, str]]:
    locale = current_locale()
    choices = []
    for zone in ZONES:
        city = get_timezone_location(zone, locale=locale, return_city=True)
        choices.append((zone, f"{zone.replace('_', ' ')} · {city}" if city else zone))
    return choices


class PreferencesForm(FlaskForm):
    full_name = StringField(_l("Your name"), validators=[Length(max=200)])
    locale = SelectField(_l("Language"))
    timezone = SelectField(_l("Time zone"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale.choices = [("", _l("As my browser asks"))] + list(LOCALES.items())
        self.timezone.choices = [("", _l("The company's time zone"))] + zone_choices()
