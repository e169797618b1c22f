"""One sort helper for every list: ``sort=-total`` -> ORDER BY total DESC, id DESC.

A list declares its sortable columns once (:class:`Sorting`); the page's header links, the
API's ``sort`` parameter and the keyset cursor all read the same declaration, so a column is
sortable everywhere or nowhere. The primary key always ends the order (ties never swap places
between pages) and runs in the same direction, so one composite index ``(company_id, column,
id)`` serves the whole ORDER BY and the keyset condition.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy.engine import Row

from core.inputs import invalid_parameter


@dataclass(frozen=True)
class Column:
    """A sortable column: the SQL expression and how to read its value from a row."""

    expr: Any
    value: Callable[[Any], Any] | None = None

    def read(self, row) -> Any:
        if self.value is None or isinstance(row, Row):  # a plain row has every column by name
            return getattr(row, self.expr.key)
        return self.value(row)


@dataclass(frozen=True)
class SortKey:
    """A parsed ``sort`` value: which column, which direction."""

    key: str
    descending: bool
    column: Column
    id: Any

    @property
    def text(self) -> str:
        return ("-" if self.descending else "") + self.key

    def order_by(self) -> tuple:
        if self.descending:
            return (self.column.expr.desc(), self.id.desc())
        return (self.column.expr.asc(), self.id.asc())

    def reversed(self) -> SortKey:
        return SortKey(self.key, not self.descending, self.column, self.id)

    def link(self, key: str) -> str:
        """The ``sort`` a header link for ``key`` sets: ascending first, then the reverse."""
        return f"-{key}" if self.key == key and not self.descending else key


@dataclass(frozen=True)
class Sorting:
    """The sortable columns of one list (``key -> Column``), its default and primary key."""

    columns: Mapping[str, Column]
    default: str
    id: Any
    aliases: Mapping[str, str] = field(default_factory=dict)

    def choices(self) -> list[str]:
        keys = [*self.columns, *self.aliases]
        return [k for key in keys for k in (key, f"-{key}")]

    def parse(self, value: str | None, name: str = "sort") -> SortKey:
        """``value`` (``total``, ``-date``; empty = the default); 400 when unknown."""
        value = value or self.default
        descending = value.startswith("-")
        key = value[1:] if descending else value
        key = self.aliases.get(key, key)
        column = self.columns.get(key)
        if column is None:
            raise invalid_parameter(
                name, _("must be one of %(names)s", names=", ".join(self.choices())), value
            )
        return SortKey(key, descending, column, self.id)
