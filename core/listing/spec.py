"""A list page as a declaration: its fields, filters and bulk actions, nothing else.

``ListSpec`` names what one list shows (``Field``), how it can be narrowed (``Filter``) and
what can be done to the ticked rows (``Action``); ``core.listing.views`` turns it into the
page (sort on every sortable field, filters in the URL, keyset "Next"), the CSV/XLSX export
of the current filter and the bulk endpoint. The same ``Sorting`` is derived from the fields,
so a field sorts on the page, in the export and by cursor, or nowhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import Any

from sqlalchemy import select

from core.listing.sorting import Column, Sorting


@dataclass(frozen=True)
class Field:
    """One column. ``sort`` is its SQL expression (None: not sortable); ``value`` reads it
    from a row (default: the attribute named ``key``) for the export and the cell; ``show``
    turns a row into the cell's text or Markup (default: ``value``); ``link`` a row's URL.
    ``attr`` names the row's attribute when it is not ``key`` (the URL's sort key ``date``
    of a row's ``issue_date``): no function to call, so an export reads it by position."""

    key: str
    label: Any
    sort: Any = None
    value: Callable[[Any], Any] | None = None
    show: Callable[[Any], Any] | None = None
    link: Callable[[Any], str | None] | None = None
    numeric: bool = False
    truncate: bool = False
    export: bool = True
    page: bool = True  # False: in the export only
    cursor: Callable[[Any], Any] | None = None  # the sort value, when ``value`` shows another
    attr: str = ""

    def read(self, row) -> Any:
        return self.value(row) if self.value is not None else getattr(row, self.attr or self.key)

    def cell(self, row) -> Any:
        return self.show(row) if self.show is not None else self.read(row)


@dataclass(frozen=True)
class Filter:
    """A query-string parameter shown in the filter form. ``kind``: ``search``, ``select``,
    ``date`` or ``check``; ``options`` gives a select's ``(value, label)`` pairs; ``apply``
    narrows the query with the value (None when the list's own query already reads it)."""

    name: str
    label: Any
    kind: str = "select"
    options: Callable[[], list[tuple[Any, Any]]] | None = None
    apply: Callable[[Any, str], Any] | None = None
    placeholder: Any = ""


@dataclass(frozen=True)
class Action:
    """A bulk action: ``run(record)`` on each ticked record, which is read again (and locked
    when ``lock``) in its own transaction; a ``DomainError`` refuses that record alone.
    ``confirm`` (a question) makes the action ask first, naming every record. ``reason`` (the
    label of a text box) makes that page ask for a reason too (required, at most
    ``REASON_MAX`` characters), then ``run(record, reason)``."""

    name: str
    label: Any
    permission: str
    run: Callable[..., Any]
    confirm: Any = None
    lock: bool = True
    reason: Any = None


@dataclass(frozen=True)
class ListSpec:
    """One list page. ``query()`` is the filtered ``select`` (read ``request.args`` for the
    filters without ``apply``); its rows are the model's objects, or plain rows that carry
    every field by name and ``id``. ``endpoint`` is the page's endpoint; ``mount_list`` adds
    ``<endpoint>_export`` and ``<endpoint>_bulk`` next to it. ``sorts`` is a ``Sorting``
    shared with something else (the API's ``sort``), used instead of one derived from the
    fields; ``annotate`` may return the rows to show instead of changing them (plain rows
    cannot change)."""

    name: str
    title: Any
    model: Any
    fields: tuple[Field, ...]
    default_sort: str
    permission: str
    endpoint: str = ""
    query: Callable[[], Any] | None = None
    filters: tuple[Filter, ...] = ()
    actions: tuple[Action, ...] = ()
    label: Callable[[Any], str] = lambda record: f"#{record.id}"
    options: tuple = ()
    aliases: Mapping[str, str] = field(default_factory=dict)
    intro: Any = ""
    empty: Any = ""
    new: tuple[Any, str, str] | None = None  # (label, endpoint, permission)
    links: tuple[tuple[Any, str, str], ...] = ()  # more buttons beside ``new``, same shape
    file: str = ""  # the export's file name (default: ``name``)
    sorts: Sorting | None = None
    template: str = "core/list.html"
    live: str = ""  # hx-trigger events that re-fetch the table
    row_attr: str = ""  # a second data- attribute naming the row's id, kept for old selectors
    page_size: int = 25
    context: Callable[[], dict] | None = None  # more for the whole page's template
    annotate: Callable[[list], list | None] | None = None  # per page / export batch

    def prepared(self, rows: list) -> list:
        if self.annotate is not None and rows:
            changed = self.annotate(rows)
            return rows if changed is None else changed
        return rows

    @cached_property
    def sorting(self) -> Sorting:
        if self.sorts is not None:
            return self.sorts
        columns = {
            f.key: Column(f.sort, f.cursor or f.read) for f in self.fields if f.sort is not None
        }
        columns.setdefault("id", Column(self.model.id))
        return Sorting(columns, self.default_sort, self.model.id, self.aliases)

    def base_query(self):
        return self.query() if self.query is not None else select(self.model)

    def filtered(self, args):
        query = self.base_query()
        for f in self.filters:
            value = args.get(f.name, "").strip()
            if f.apply is not None and value:
                query = f.apply(query, value)
        return query

    def shown(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.page)

    def exported(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.export)

    def exporter(self, sample) -> Callable[[Any], Any]:
        """Reads a row's exported values; ``sample`` is a row of the batch. Rows of columns
        (``Row``, a namedtuple of the same columns) whose exported fields are all plain
        columns are read by position, one ``itemgetter`` a row: measured at 100k rows, an
        attribute read of a ``Row`` cost ten times an indexed one and a Python call per cell
        more than writing the CSV."""
        fields = self.exported()
        names = getattr(sample, "_fields", ())
        wanted = [f.attr or f.key for f in fields]
        if len(fields) > 1 and all(f.value is None for f in fields) and set(wanted) <= set(names):
            return itemgetter(*(names.index(name) for name in wanted))
        return lambda row: [f.read(row) for f in fields]


def money_fields(key: str, label, column, currency, currency_label) -> tuple[Field, Field]:
    """An amount shown with its currency (``column``, ``currency`` are the model's columns),
    and the currency as a column of the export only."""
    from core.i18n.formatting import format_money

    amount = Field(
        key,
        label,
        sort=column,
        show=lambda row: format_money(getattr(row, key), getattr(row, currency.key)),
        numeric=True,
    )
    return amount, Field(currency.key, currency_label, sort=currency, page=False)


def label_filter(name: str, text, codes, kind: str, apply=None, column=None) -> Filter:
    """A select of ``codes`` shown by their human labels of ``kind`` (core.api.label).
    With ``column`` (and no ``apply``) it keeps the rows whose column holds the chosen code;
    a value that is not one of ``codes`` narrows nothing."""
    from core.i18n.labels import label

    if apply is None and column is not None:
        apply = _equals(column, frozenset(codes))
    return Filter(name, text, options=lambda: [(c, label(kind, c)) for c in codes], apply=apply)


def _equals(column, codes):
    return lambda query, value: query.where(column == value) if value in codes else query
