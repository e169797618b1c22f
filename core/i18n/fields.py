"""WTForms fields that read what people type in their language and show values the way the
app prints them; both hand the service a plain string (``"1000.50"``, ``"2026-12-05"``), so
the service's strict validation (and the API's) stays the one rule."""

from __future__ import annotations

from wtforms import StringField

from core.i18n.formatting import format_number
from core.i18n.parsing import InputError, normalize_number, parse_date, parse_number


class NumberField(StringField):
    """An amount, quantity or price: accepts ``1,000.50``, ``AED 1,000.50``, Arabic digits;
    shows the stored value grouped and without an exponent (``digits`` fixes the decimals)."""

    def __init__(self, label=None, validators=None, digits: int | None = None, **kwargs):
        render_kw = {"inputmode": "decimal", "autocomplete": "off", **kwargs.pop("render_kw", {})}
        super().__init__(label, validators, render_kw=render_kw, **kwargs)
        self.digits = digits

    def process_formdata(self, valuelist):
        if valuelist:
            self.data = normalize_number(valuelist[0])

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        if self.data in (None, ""):
            return ""
        try:
            number = parse_number(self.data)
        except InputError:
            return str(self.data)
        return format_number(number, self.digits)


class DateInputField(StringField):
    """A date picker (``<input type=date>``, which sends ISO); typed text in the reader's
    format (``Dec 5, 2026``, ``05/12/2026``) is accepted too."""

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {"type": "date", **kwargs.pop("render_kw", {})}
        super().__init__(label, validators, render_kw=render_kw, **kwargs)

    def process_formdata(self, valuelist):
        if valuelist:
            self.data = normalize_date(valuelist[0])

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return self.data.isoformat() if hasattr(self.data, "isoformat") else (self.data or "")


def normalize_date(text, locale=None) -> str:
    """``"Dec 5, 2026"`` → ``"2026-12-05"``; text that is no date is returned unchanged."""
    try:
        day = parse_date(text, locale)
    except InputError:
        return str(text).strip()
    return "" if day is None else day.isoformat()
