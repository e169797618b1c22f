"""One column type for money and other exact decimals: ``ExactNumeric(precision, scale)``.

SQLAlchemy's ``Numeric`` on SQLite goes through float: SQLite has no decimal type, a
``NUMERIC`` column stores ``12345678901234.57`` as a REAL, and 17-18 digit values come back
changed (a payment of 9876543210987654.32 read back as 9876543210987654.00). ``ExactNumeric``
stores integer minor units there instead (``123.45`` at scale 2 is the INTEGER ``12345``;
NUMERIC affinity keeps integers exact up to 2**63, more than 18 digits need), and on
PostgreSQL it is plain ``NUMERIC(precision, scale)``. Values are ``Decimal`` with ``scale``
places either way; a float is refused, and so is a value that does not fit the column (a
clear error rather than a silent overflow or rounding).

SQL over these columns keeps working: comparisons bind through the type, ``SUM``, ``MIN``,
``MAX`` and ``COALESCE`` return it. Arithmetic between columns in SQL would mix scales on
SQLite: do it in Python, as the plugins do.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import BigInteger, Numeric
from sqlalchemy.types import TypeDecorator


class MoneyOutOfRange(ValueError):
    """A value with more integer digits than its column holds."""


class ExactNumeric(TypeDecorator):
    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int = 18, scale: int = 2) -> None:
        super().__init__(precision=precision, scale=scale, asdecimal=True)
        self.precision, self.scale = precision, scale
        self.quantum = Decimal(1).scaleb(-scale)
        self.limit = Decimal(10) ** (precision - scale)

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("money is never a float: pass a Decimal or a string")
        exact = Decimal(value).quantize(self.quantum, rounding=ROUND_HALF_UP)
        if abs(exact) >= self.limit:
            raise MoneyOutOfRange(f"{value} does not fit NUMERIC({self.precision}, {self.scale})")
        if dialect.name == "sqlite":
            return int(exact.scaleb(self.scale))
        return exact

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if dialect.name == "sqlite":
            # An INTEGER of minor units; str() only for a row someone wrote by hand in SQL.
            return Decimal(value if isinstance(value, int) else str(value)).scaleb(-self.scale)
        return Decimal(value)

    def coerce_compared_value(self, op, value):
        return self


def rescale_sqlite(bind, columns: dict[str, dict[str, int]], to_minor_units: bool) -> None:
    """For a migration: convert ``{table: {column: scale}}`` on SQLite between the REALs plain
    ``Numeric`` wrote and ``ExactNumeric``'s integer minor units (PostgreSQL: nothing to do).

    The tables' triggers (the ledgers refuse updates) are dropped for the conversion and
    re-created from their own SQL, so the values change representation only, never meaning.
    """
    if bind.dialect.name != "sqlite":
        return
    from sqlalchemy import bindparam, text

    query = text(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN :tables"
    ).bindparams(bindparam("tables", expanding=True))
    triggers = bind.execute(query, {"tables": list(columns)}).all()
    for name, _ in triggers:
        bind.exec_driver_sql(f'DROP TRIGGER "{name}"')
    for table, scales in columns.items():
        for column, scale in scales.items():
            factor = 10**scale
            value = (
                f"CAST(ROUND({column} * {factor}) AS INTEGER)"
                if to_minor_units
                else f"{column} / {factor}.0"
            )
            # Names and factors come from the migration's own constants, never from input.
            update = f"UPDATE {table} SET {column} = {value} WHERE {column} IS NOT NULL"  # noqa: S608
            bind.exec_driver_sql(update)
    for _, sql in triggers:
        bind.exec_driver_sql(sql)
