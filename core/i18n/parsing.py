"""Reading numbers and dates typed by people: what the app prints is accepted back.

``parse_number("1,000.50")``, ``parse_number("AED 1,000.50")``, ``parse_number("١٬٠٠٠٫٥٠")``
(Arabic-Indic digits and separators) and ``parse_number("‏1,000.50 د.إ.‏")`` are all
``Decimal("1000.50")`` for an English or Arabic reader. Grouping must be regular ("1,00.5"
is refused rather than guessed at); exponents are refused. ``parse_date`` takes ISO
(``2026-12-05``, what ``<input type=date>`` sends) and the reader's own numeric or written
forms (``Dec 5, 2026``, ``05/12/2026``, ``5 ديسمبر 2026``).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from flask_babel import gettext

from core.i18n.formatting import current_locale, format_date, format_number

# Arabic-Indic (U+0660..) and Extended Arabic-Indic (Persian, U+06F0..) digits.
_DIGITS = {**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}}
_ARABIC_SEPARATORS = {0x066B: ".", 0x066C: ",", 0x2212: "-", 0x2013: "-"}
# Direction marks and every kind of space a formatter or a keyboard puts between digits.
_INVISIBLE = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile("[\\s\u00a0\u202f\u2009\u2007]")
# What may stand before or after the number: a currency code (AED), a symbol ($, US$, ¥) or
# an Arabic currency abbreviation (د.إ.), with a sign and spaces.
_AFFIX = re.compile(r"[A-Z]{0,3}[^\w\s]{1,3}|[\u0600-\u06ff.]{1,8}")
_CODES = frozenset(babel_numbers.list_currencies())
_NUMBER = re.compile(r"\d|[.,]\d")


ENGLISH = Locale.parse("en")


class InputError(ValueError):
    """Text that is not a number or a date; ``str(error)`` is a message for the field."""


def _plain(text: str) -> str:
    text = _INVISIBLE.sub("", str(text)).translate(_DIGITS).translate(_ARABIC_SEPARATORS)
    return text.strip()


def parse_number(text, locale=None) -> Decimal | None:
    """The Decimal a person typed (None for a blank field); ``InputError`` if it is none."""
    if text is None:
        return None
    if isinstance(text, Decimal | int):
        return Decimal(text)
    plain = _plain(text)
    if not plain:
        return None
    loc = current_locale(locale)
    group = babel_numbers.get_group_symbol(loc, numbering_system="latn")
    decimal = babel_numbers.get_decimal_symbol(loc, numbering_system="latn")
    number, negative = _strip_affixes(plain)
    if number is None:
        raise InputError(_number_message(loc))
    if not _SPACES.sub("", group):  # a space groups digits in this locale
        group = " "
    number = _SPACES.sub(" ", number).strip()
    shape = _shape(re.escape(group), re.escape(decimal))
    if not shape.fullmatch(number) or (negative and number[0] in "+-"):
        raise InputError(_number_message(loc))
    number = "-" + number if negative else number
    canonical = number.replace(group, "").replace(" ", "").replace(decimal, ".")
    try:
        return Decimal(canonical)
    except InvalidOperation as exc:  # pragma: no cover - the shape admits only digits
        raise InputError(_number_message(loc)) from exc


def _strip_affixes(text: str) -> tuple[str | None, bool]:
    """The number between a currency prefix and suffix, and whether a ``-`` came before the
    prefix (``-AED 1,234.50``); None when the text around it is not a currency."""
    first = _NUMBER.search(text)
    if first is None:
        return None, False
    last = max(i for i, ch in enumerate(text) if ch.isdigit())
    prefix, number, suffix = text[: first.start()], text[first.start() : last + 1], text[last + 1 :]
    sign = re.fullmatch(r"\s*([-+]?)\s*(.*?)\s*", prefix)
    negative, prefix = sign.group(1) == "-", sign.group(2)
    if prefix.endswith(("-", "+")):
        number, prefix = prefix[-1] + number, prefix[:-1].strip()
    for affix in (prefix, suffix.strip()):
        if affix and affix.upper() not in _CODES and not _AFFIX.fullmatch(affix):
            return None, False
    return number, negative


def _shape(group: str, decimal: str) -> re.Pattern:
    grouped = rf"\d{{1,3}}(?:{group}\d{{3}})+|\d{{1,3}}(?: \d{{3}})+|\d+"
    return re.compile(rf"[-+]? ?(?:{grouped})(?:{decimal}\d+)?|[-+]? ?{decimal}\d+")


def _number_message(loc) -> str:
    example = format_number(Decimal("1234.5"), digits=2, locale=loc)
    return gettext("is not a number (write it like %(example)s)", example=example)


def normalize_number(text, locale=None) -> str:
    """For a form handed to a service that validates strictly: the number as plain digits
    (``"1,000.50"`` → ``"1000.50"``), or the text unchanged when it is not a number (so the
    service's own message names the field). Blank stays blank."""
    if text is None:
        return ""
    try:
        number = parse_number(text, locale)
    except InputError:
        return str(text).strip()
    return "" if number is None else str(number)


def parse_date(text, locale=None) -> date | None:
    """The date a person typed (None for a blank field); ``InputError`` if it is none."""
    if text is None or isinstance(text, date):
        return text
    plain = _SPACES.sub(" ", _plain(text)).strip()
    if not plain:
        return None
    loc = current_locale(locale)
    for attempt in (_iso, _written, _numeric):
        found = attempt(plain, loc)
        if found is not None:
            return found
    example = format_date(date(2026, 12, 31), "short", locale=loc)
    raise InputError(gettext("is not a date (write it like %(example)s)", example=example))


def _iso(text: str, loc) -> date | None:
    try:
        return date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None


def _written(text: str, loc) -> date | None:
    """``Dec 5, 2026`` / ``5 December 2026`` / ``5 ديسمبر 2026``: a month name in the text."""
    words = re.findall(r"[^\W\d_]+\.?", text)
    if not words:
        return None
    month = _month_number(words, loc)
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    if month is None or len(numbers) != 2:
        return None
    year = next((n for n in numbers if n > 31), None)
    day = next((n for n in numbers if n != year), None)
    try:
        return date(year, month, day) if year and day else None
    except ValueError:
        return None


def _month_number(words: list[str], loc) -> int | None:
    names = {}
    for each in {loc, ENGLISH}:  # English month names are understood in every locale
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in each.months[context][width].items():
                    names[name.lower().rstrip(".")] = number
    for word in words:
        if word.lower().rstrip(".") in names:
            return names[word.lower().rstrip(".")]
    return None


def _numeric(text: str, loc) -> date | None:
    """The locale's numeric order (``12/5/26`` in English, ``5/12/2026`` in Arabic)."""
    if not re.fullmatch(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}", text):
        return None
    try:
        found = babel_dates.parse_date(text, locale=loc)
    except (ValueError, IndexError):
        return None
    if found.year < 100:
        found = found.replace(year=2000 + found.year)
    return found
