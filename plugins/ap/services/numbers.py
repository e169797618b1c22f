"""How AP writes numbers: money at the currency's places, quantities and prices without noise."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def money(value: Decimal, places: int = 2) -> Decimal:
    """Half-up to the currency's places: the precision money is compared at."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def quantity_text(value: Decimal | None) -> str | None:
    """``Decimal("10.000000")`` → ``"10"``, ``Decimal("2.500000")`` → ``"2.5"``."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def price_text(value: Decimal | None, places: int = 2) -> str | None:
    """A unit price with at least the currency's places and no trailing noise beyond them."""
    if value is None:
        return None
    exponent = min(value.normalize().as_tuple().exponent, -places)
    return format(value.quantize(Decimal(1).scaleb(exponent)), "f")


def money_text(value: Decimal | None, places: int = 2) -> str | None:
    return None if value is None else format(money(value, places), "f")
