"""Request input for any plugin: one set of validators used by every route and form.

Field helpers record a message under the field's name in a ``FieldErrors`` instead of raising,
so one answer can name every bad field; ``errors.check()`` then raises the one 422
(``ValidationFailed``: ``{"error": {"code": "validation_failed", "details": {"fields": ...}}}``).

The rules, the same everywhere:

- whole numbers are ASCII digits only (``"²"`` and ``"٣"`` are not numbers) and fit a signed
  64-bit column (``MAX_INT``), in paths, bodies and query strings alike; record ids fit the
  INTEGER primary keys (``MAX_ID``, 32-bit on PostgreSQL), so a larger id is simply not found;
- decimals are checked for their exponent before anyone quantizes them (``"1e400"``);
- text has no lone surrogates and no control characters except tab and line breaks;
- dates lie between ``DATE_MIN`` and ``DATE_MAX``, so adding payment terms cannot overflow;
- JSON bodies nest at most ``MAX_JSON_DEPTH`` deep, carry no NaN or Infinity and name no
  field twice in one object (parsers disagree on which value wins, so neither is taken).

``parse_json`` and ``check_json_values`` are applied by core to every JSON body; the query
helpers (``query_int``, ``query_date``, ``query_choice``) answer 400 ``invalid_parameter``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from contextlib import suppress
from decimal import Decimal

from flask_babel import gettext as _

from core.errors import ApiError, ValidationFailed

MAX_INT = 2**63 - 1  # BIGINT on PostgreSQL, INTEGER on SQLite
MAX_ID = 2**31 - 1  # primary keys are INTEGER: 32-bit on PostgreSQL
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2999, 12, 31)
MAX_JSON_DEPTH = 32
# Decimals beyond these never reach the database or a quantize (28 significant digits).
DECIMAL_MAX_EXPONENT = 17  # below 10^18
DECIMAL_MIN_EXPONENT = -12  # at most 12 decimals

_DIGITS = re.compile(r"[0-9]{1,19}")
# What a decimal string may look like: ASCII digits only. Python's Decimal() alone would also
# read "١٠" or "１٠" as 10 and "1_000" as 1000, which no documented pattern allows.
_DECIMAL_TEXT = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
# Lone surrogates; C0 controls but tab, LF and CR; DEL and C1; the two XML non-characters.
_UNSAFE_TEXT = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


class FieldErrors(dict):
    """Field name -> message; ``check()`` raises the one 422 ``ValidationFailed``."""

    def check(self) -> None:
        if self:
            raise ValidationFailed(self)


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored as text, or None."""
    found = _UNSAFE_TEXT.search(value)
    if found is None:
        return None
    char = found.group()
    if "\ud800" <= char <= "\udfff":
        return _("must not contain a lone surrogate (invalid Unicode)")
    return _("must not contain the control character U+%(value)s", value=format(ord(char), "04X"))


def text_field(data: dict, name: str, errors: FieldErrors, max_len: int, required: bool = False):
    """Trimmed text; blank counts as missing (``None``)."""
    value = data.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors[name] = _("is required")
        return None
    if not isinstance(value, str):
        errors[name] = _("must be text")
        return None
    if problem := text_problem(value):
        errors[name] = problem
        return None
    value = value.strip()
    if len(value) > max_len:
        errors[name] = _("must be at most %(max_len)s characters", max_len=max_len)
    return value


def whole_number(
    value, name: str, errors: FieldErrors, low: int = 0, high: int = MAX_INT
) -> int | None:
    """A JSON integer or a string of ASCII digits, from ``low`` to ``high`` (64-bit at most)."""
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value):
        number = int(value)
    if number is None or not low <= number <= high:
        errors[name] = _("must be a whole number from %(low)s to %(high)s", low=low, high=high)
        return None
    return number


def exact_decimal(
    value, name: str, errors: FieldErrors, float_message: str, syntax_message: str
) -> Decimal | None:
    """The Decimal written in a string or a whole number, or None after recording why not.

    A JSON float is refused rather than converted: 0.1 is not exactly one tenth, and money must
    be. The caller words both messages, as it knows what kind of number it expects. NaN,
    infinities and exponents out of range (``"1e400"``, ``"1e-400"``) are refused here, before
    any caller quantizes (which would raise ``InvalidOperation``).
    """
    if isinstance(value, bool | float):
        errors[name] = float_message
        return None
    if isinstance(value, int | Decimal):
        value = str(value)
    if not isinstance(value, str) or len(value) > 100 or not _DECIMAL_TEXT.fullmatch(value.strip()):
        errors[name] = syntax_message  # NaN and the infinities included
        return None
    number = Decimal(value.strip())
    if number and number.adjusted() > DECIMAL_MAX_EXPONENT:
        errors[name] = _("is out of range")
        return None
    if number.as_tuple().exponent < DECIMAL_MIN_EXPONENT:
        errors[name] = _("must have at most %(value)s decimals", value=-DECIMAL_MIN_EXPONENT)
        return None
    return number


def iso_date(value, name: str, errors: FieldErrors) -> dt.date | None:
    """The date in an ISO 8601 string within ``DATE_MIN``..``DATE_MAX``, or None after
    recording the field error."""
    day = None
    if isinstance(value, str) and len(value) <= 10:
        with suppress(ValueError):
            day = dt.date.fromisoformat(value)
    if day is None:
        errors[name] = _("must be a date YYYY-MM-DD")
    elif not DATE_MIN <= day <= DATE_MAX:
        errors[name] = _(
            "must be between %(DATE_MIN)s and %(DATE_MAX)s", DATE_MIN=DATE_MIN, DATE_MAX=DATE_MAX
        )
        day = None
    return day


# --- JSON bodies -----------------------------------------------------------------------------


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


# A JSON number beyond this exponent is refused as the float it used to be decoded to would
# have been infinite: ``1e400`` stays a 400, not a Decimal that no column holds.
JSON_NUMBER_MAX_EXPONENT = 308


def _exact_number(text: str) -> Decimal:
    """A JSON number with a fraction or exponent, as the Decimal it says (never a float)."""
    number = Decimal(text)
    if number and number.adjusted() > JSON_NUMBER_MAX_EXPONENT:
        raise ValueError(f"{text[:40]} is out of range")
    return number


class _RepeatedKeys(dict):
    """A decoded JSON object that named some field twice (``repeated``); check_json_values
    refuses it by path, so no view ever sees one."""

    repeated: tuple[str, ...] = ()


def _object(pairs: list) -> dict:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    seen: set[str] = set()
    repeated = _RepeatedKeys(found)
    repeated.repeated = tuple(k for k, _v in pairs if k in seen or seen.add(k))
    return repeated


def parse_json(raw: bytes):
    """Decode a JSON body: 400 ``invalid_json`` for bad JSON, NaN/Infinity, numbers out of
    range, or nesting deeper than ``MAX_JSON_DEPTH`` (``"[" * 100000`` never reaches a
    recursion limit). A number with a fraction or exponent becomes a ``Decimal``, exactly as
    written: ``9876543210987654.32`` is never rounded through a binary float."""
    try:
        text = raw.decode("utf-8")
        check_depth(text)
        return json.loads(
            text, parse_constant=_no_constant, parse_float=_exact_number, object_pairs_hook=_object
        )
    except RecursionError:
        raise _too_deep() from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(
            400, "invalid_json", _("The body is not valid JSON: %(exc)s", exc=exc)
        ) from exc


def _too_deep() -> ApiError:
    return ApiError(
        400,
        "invalid_json",
        _("The body nests deeper than %(MAX_JSON_DEPTH)s levels.", MAX_JSON_DEPTH=MAX_JSON_DEPTH),
        {"max_depth": MAX_JSON_DEPTH},
    )


_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def check_depth(text: str) -> None:
    """400 ``invalid_json`` when JSON ``text`` nests deeper than ``MAX_JSON_DEPTH``."""
    depth = 0
    for token in _STRUCTURE.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise _too_deep()
        elif char in "]}":
            depth -= 1


def check_json_values(value, errors: FieldErrors, path: str = "") -> None:
    """Record every string with a surrogate or control character, every integer beyond
    64 bits and every non-finite number in a decoded JSON body, by field path
    (``lines[0].description``), and every field named twice in one object."""
    if isinstance(value, dict):
        for key in getattr(value, "repeated", ()):
            errors[f"{path}.{key}" if path else key] = _("is given more than once")
        for key, item in value.items():
            if problem := text_problem(key):
                errors[path or "(body)"] = _("has a field name that %(problem)s", problem=problem)
                continue
            check_json_values(item, errors, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            check_json_values(item, errors, f"{path}[{i}]")
    elif isinstance(value, str):
        if problem := text_problem(value):
            errors[path or "(body)"] = problem
    elif isinstance(value, bool):
        return
    elif isinstance(value, int):
        if not -MAX_INT - 1 <= value <= MAX_INT:
            errors[path or "(body)"] = _("is out of range (64-bit integers only)")
    elif isinstance(value, float | Decimal) and not Decimal(value).is_finite():
        errors[path or "(body)"] = _("is out of range")


# --- query strings ---------------------------------------------------------------------------


def invalid_parameter(name: str, message: str, value=None) -> ApiError:
    """The one 400 for a bad query parameter: ``{"fields": {name: message}, name: value}``."""
    return ApiError(
        400,
        "invalid_parameter",
        _("%(name)s %(message)s.", name=name, message=message),
        {"fields": {name: message}, name: value},
    )


def require_media_type(types, message: str) -> None:
    """Refuse a body not sent as one of ``types`` (its ``Content-Type``): 415
    ``unsupported_media_type`` with ``message`` and the type that came."""
    from flask import request

    if request.mimetype not in types:
        details = {"content_type": request.content_type or ""}
        raise ApiError(415, "unsupported_media_type", message, details)


def query_int(
    name: str, default: int | None = None, low: int = 0, high: int | None = None, args=None
):
    """An integer query parameter (ASCII digits, ``low``..``high``, ``high`` 64-bit at most
    and by default); 400 ``invalid_parameter`` otherwise."""
    from flask import request

    high = MAX_INT if high is None else min(high, MAX_INT)
    raw = (args if args is not None else request.args).get(name, "")
    if raw == "":
        return default
    errors = FieldErrors()
    number = whole_number(raw, name, errors, low, high)
    if number is None:
        raise invalid_parameter(name, errors[name], raw)
    return number


def query_id(name: str, args=None) -> int | None:
    """A record id in the query string (``?customer_id=``): ASCII digits up to ``MAX_ID``."""
    return query_int(name, None, 0, MAX_ID, args)


def query_date(name: str, args=None) -> dt.date | None:
    """A date query parameter (YYYY-MM-DD); 400 otherwise."""
    from flask import request

    raw = (args if args is not None else request.args).get(name, "")
    if raw == "":
        return None
    errors = FieldErrors()
    day = iso_date(raw, name, errors)
    if day is None:
        raise invalid_parameter(name, errors[name], raw)
    return day


def query_choice(name: str, allowed, args=None) -> str | None:
    """One of ``allowed`` or None when absent; 400 otherwise."""
    from flask import request

    value = (args if args is not None else request.args).get(name)
    if value in (None, ""):
        return None
    if value not in allowed:
        raise invalid_parameter(
            name, _("must be one of %(names)s", names=", ".join(allowed)), value
        )
    return value


def unsafe_parameter(values) -> tuple[str, str] | None:
    """The first (name, problem) of a MultiDict (query string, form) whose name or value has a
    control character; core refuses such requests before any view runs."""
    for key, value in values.items(multi=True):
        for text in (key, value):
            if isinstance(text, str) and (problem := text_problem(text)):
                return key, problem
    return None


# --- URL paths -------------------------------------------------------------------------------


def int_converter():
    """Werkzeug's ``int`` converter limited to ASCII digits and ``MAX_ID``: a path id beyond
    what a primary key holds (``/invoices/99999999999999999999``) is a 404, not an
    OverflowError or "integer out of range" in the driver. ``create_app`` installs it as
    ``int`` before any route is added."""
    from werkzeug.routing import IntegerConverter

    class Int64Converter(IntegerConverter):
        regex = r"[0-9]{1,19}"

        def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
            super().__init__(map, fixed_digits, min, max, signed)
            if signed:
                self.regex = r"-?[0-9]{1,19}"

    return Int64Converter


# --- every request ---------------------------------------------------------------------------

_FORM_CHECK_MAX_BYTES = 1024 * 1024  # larger multipart uploads are left to their view


def init_app(app) -> None:
    app.before_request(refuse_unsafe_parameters)


def refuse_unsafe_parameters() -> None:
    """Query strings and form posts with a control character (``%00``) are refused before
    any view runs: 400 for a query parameter, 422 naming the form field."""
    from flask import request

    if found := unsafe_parameter(request.args):
        raise invalid_parameter(found[0][:100], found[1])
    check_common_parameters(request.args)
    if request.method in ("GET", "HEAD", "OPTIONS") or not _small_form(request):
        return
    request.get_data(cache=True)  # keep the raw body readable for the view after parsing
    if found := unsafe_parameter(request.form):
        raise ValidationFailed({found[0][:100]: found[1]})


# Query parameters whose meaning is the same on every page and API route of every plugin:
# paging numbers, record ids and date bounds. A value that cannot be one is a 400 here, once,
# before a view turns it into an OverflowError, a driver error or a silently ignored filter.
PAGING_PARAMETERS = {"offset": MAX_INT, "limit": MAX_INT, "page": MAX_INT}
_SIGNED_DIGITS = re.compile(r"[-+]?[0-9]+")
DATE_PARAMETERS = ("date_from", "date_to", "since", "until", "from", "to")


def check_common_parameters(args) -> None:
    """400 ``invalid_parameter`` for a paging number or date bound that is not one, and for a
    numeric ``*_id`` beyond what a primary key holds (ids that are text, such as a Peppol
    participant, pass untouched)."""
    for name in args:
        if name in PAGING_PARAMETERS:
            query_int(name, None, 0, PAGING_PARAMETERS[name], args)
        elif name.endswith("_id") and _SIGNED_DIGITS.fullmatch(args.get(name, "")):
            query_id(name, args)
        elif name in DATE_PARAMETERS:
            query_date(name, args)


def _small_form(request) -> bool:
    if request.mimetype == "application/x-www-form-urlencoded":
        return True
    size = request.content_length
    return (
        request.mimetype == "multipart/form-data"
        and size is not None
        and (size <= _FORM_CHECK_MAX_BYTES)
    )
