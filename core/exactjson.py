"""JSON text of the database's JSON columns (job params, audit details, plugin settings, ...).

A Decimal is written as the JSON number of its own digits (``Decimal("0.30")`` as ``0.30``,
never the nearest binary float), and every JSON number with a fraction or an exponent is read
back as that Decimal; integers stay ``int``. simplejson does both (``use_decimal``). Through the
API such a value is answered as a string of its digits, as every exact amount is.
"""

from __future__ import annotations

import simplejson


def dumps(value, **kwargs) -> str:
    """JSON text of ``value``; Decimals keep their digits. TypeError for what JSON cannot hold,
    ValueError for NaN or Infinity."""
    return simplejson.dumps(value, use_decimal=True, allow_nan=False, **kwargs)


def loads(text: str | bytes):
    """The value in JSON ``text``; fractional numbers as Decimal, digit for digit."""
    return simplejson.loads(text, use_decimal=True)
