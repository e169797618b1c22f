"""Company AP settings: read with defaults, change with a PATCH body (every bad name at once).

Tolerances are "the greater of a percentage or an absolute amount", for price (money in the
bill's currency) and for quantity separately; both zero means exactly zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from core.api import ApiError, FieldErrors, bump_version, db, exact_decimal, row_version
from core.api import gettext as _
from plugins.ap.models.settings import CHOICES, DEFAULTS, ApSettings

NUMBERS = tuple(name for name in DEFAULTS if name not in CHOICES)
MAXIMUM = {"price_tolerance_percent": 100, "quantity_tolerance_percent": 100}
PLACES = {"full_match_limit": 2, "price_tolerance_amount": 2, "quantity_tolerance_amount": 6}


@dataclass(frozen=True)
class Tolerances:
    full_match_limit: Decimal
    price_tolerance_percent: Decimal
    price_tolerance_amount: Decimal
    quantity_tolerance_percent: Decimal
    quantity_tolerance_amount: Decimal
    over_receipt_percent: Decimal
    duplicate_policy: str
    peppol_rules: str


def row(company_id: int) -> ApSettings | None:
    """The company's settings row; None while they are the defaults."""
    return _row(company_id)


def _row(company_id: int) -> ApSettings | None:
    query = select(ApSettings).where(ApSettings.company_id == company_id)
    return db.session.scalars(query).first()


def current(company_id: int) -> Tolerances:
    row = _row(company_id)
    values = {name: getattr(row, name) for name in DEFAULTS} if row else dict(DEFAULTS)
    return Tolerances(**values)


def version(company_id: int) -> int:
    """The settings' version (0 while they are the defaults)."""
    return row_version(_row(company_id))


def as_dict(settings: Tolerances) -> dict:
    return {
        name: str(value) if isinstance(value, Decimal) else value
        for name, value in settings.__dict__.items()
    }


def update_and_rematch(company_id: int, changes: dict, user_id: int | None) -> Tolerances:
    """``update``, then (when a match tolerance changed) the job that re-matches open bills;
    commits the settings together with the job row."""
    from plugins.ap.services import rematch

    before = current(company_id)
    after = update(company_id, changes)
    if names := rematch.changed(before, after):
        rematch.start(company_id, user_id, names)
    return after


def update(company_id: int, changes: dict) -> Tolerances:
    if not isinstance(changes, dict):
        raise ApiError(400, "invalid_json", _("Send a JSON object."))
    errors = FieldErrors({name: "is not a setting" for name in changes if name not in DEFAULTS})
    parsed = {name: _number(name, changes[name], errors) for name in NUMBERS if name in changes}
    for name, allowed in CHOICES.items():
        if name in changes:
            parsed[name] = changes[name]
            if changes[name] not in allowed:
                errors[name] = _("must be one of %(names)s", names=", ".join(allowed))
    errors.check()
    row = _row(company_id)
    if row is None:  # the first change: version 1
        row = ApSettings(company_id=company_id, **DEFAULTS)
    elif any(getattr(row, name) != value for name, value in parsed.items()):
        bump_version(row)
    for name, value in parsed.items():
        setattr(row, name, value)
    db.session.add(row)
    db.session.flush()
    return current(company_id)


def _number(name: str, value, errors: FieldErrors) -> Decimal | None:
    result = exact_decimal(
        value, name, errors, _("must be a decimal written as a string"), _("is not a number")
    )
    if result is None:
        return None
    if not result.is_finite() or result < 0:
        errors[name] = _("must be zero or more")
    elif result > MAXIMUM.get(name, Decimal("1e9")):
        errors[name] = _("must be at most %(value)s", value=MAXIMUM.get(name, Decimal("1e9")))
    elif result.normalize().as_tuple().exponent < -PLACES.get(name, 4):
        errors[name] = _("must have at most %(value)s decimals", value=PLACES.get(name, 4))
    return result
