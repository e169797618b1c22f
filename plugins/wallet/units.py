"""Token amounts: ``Decimal`` in, whole token units out, never through a float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from core.api import ApiError
from core.api import gettext as _


def to_units(amount: Decimal, decimals: int) -> int:
    """``Decimal("12.5")`` with 6 decimals -> 12500000; more precision than that is refused."""
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise ApiError(422, "invalid_amount", _("A token amount must be a finite Decimal."))
    scaled = amount.scaleb(decimals)
    if scaled != scaled.to_integral_value():
        raise ApiError(
            422,
            "too_precise",
            _(
                "%(amount)s has more than the token's %(decimals)s decimals.",
                amount=amount,
                decimals=decimals,
            ),
            {"amount": str(amount), "decimals": decimals},
        )
    return int(scaled)


def from_units(units: int | Decimal, decimals: int) -> Decimal:
    return Decimal(int(units)).scaleb(-decimals)


def convert(amount: Decimal, rate: Decimal, decimals: int) -> Decimal:
    """``amount`` × ``rate`` rounded half-up to the token's decimals (a conversion always
    produces more digits; this is the one documented rounding place)."""
    return (amount * rate).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def back(units: int | Decimal, decimals: int, rate: Decimal) -> Decimal:
    """Token units back into the invoice currency, to the cent, half-up."""
    return (from_units(units, decimals) / rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
