"""Column types for exact token amounts.

``TokenUnits``: a whole number of token units up to uint256. PostgreSQL stores
``NUMERIC(78, 0)``; SQLite has no type that holds 78 digits exactly (``NUMERIC`` goes through
float past 2**63, ``INTEGER`` stops there), so it stores the decimal text. Values are
``Decimal`` with no fraction either way; floats and fractions are refused. Sums are done in
Python, never in SQL, so the SQLite text is never compared as text.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Numeric, String
from sqlalchemy.types import TypeDecorator

MAX_UNITS = 2**256 - 1


class TokenUnits(TypeDecorator):
    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(78))
        return dialect.type_descriptor(Numeric(78, 0, asdecimal=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("token units are never a float")
        exact = Decimal(value)
        if exact != exact.to_integral_value() or not 0 <= exact <= MAX_UNITS:
            raise ValueError(f"{value} is not a whole number of token units (uint256)")
        return str(int(exact)) if dialect.name == "sqlite" else exact

    def process_result_value(self, value, dialect):
        return None if value is None else Decimal(int(Decimal(value)))
