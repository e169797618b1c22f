"""A line's match reasons in the reader's language. The matcher stores them in English (the
API's ``reasons``, unchanged); the review page words each known one again, its numbers kept."""

from __future__ import annotations

import re

from core.api import _

PRICE = re.compile(r"^price differs by (\S+), (within|beyond) the tolerance of (\S+)$")


def _fixed() -> dict[str, str]:
    return {
        "billed more than was accepted": _("billed more than was accepted"),
        "billed less than accepted, within the quantity tolerance": _(
            "billed less than accepted, within the quantity tolerance"
        ),
        "billed less than accepted, beyond the quantity tolerance": _(
            "billed less than accepted, beyond the quantity tolerance"
        ),
        "no purchase order line": _("no purchase order line"),
    }


def reason_text(reason: str) -> str:
    """The reader's words for a stored reason; one it does not know (a plugin's) as stored."""
    price = PRICE.match(reason)
    if price is None:
        return _fixed().get(reason, reason)
    amount, side, limit = price.groups()
    if side == "within":
        return _(
            "price differs by %(amount)s, within the tolerance of %(limit)s",
            amount=amount,
            limit=limit,
        )
    return _(
        "price differs by %(amount)s, beyond the tolerance of %(limit)s", amount=amount, limit=limit
    )
