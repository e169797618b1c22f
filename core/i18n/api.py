"""What ``core.api`` re-exports for translating and formatting in Python code."""

from flask_babel import gettext, lazy_gettext, lazy_ngettext, ngettext, pgettext

from core.i18n.fields import DateInputField, NumberField, normalize_date
from core.i18n.formatting import format_date, format_datetime, format_money, format_number
from core.i18n.labels import label, labels, lazy_label
from core.i18n.parsing import InputError, normalize_number, parse_date, parse_number

_ = gettext

__all__ = [
    "lazy_label",
    "DateInputField",
    "InputError",
    "NumberField",
    "normalize_date",
    "normalize_number",
    "parse_date",
    "parse_number",
    "_",
    "format_date",
    "format_datetime",
    "format_money",
    "format_number",
    "gettext",
    "label",
    "labels",
    "lazy_gettext",
    "lazy_ngettext",
    "ngettext",
    "pgettext",
]
