"""Fields of the kinds most lists show, so a declaration names the column once.

``column_field`` is a column as it is (sorted on, read by name: an export reads it by
position); ``id_field`` the record's id linking to its page; ``when_field`` a date or moment
in the reader's locale and time zone;
``code_field`` a code by its human label (core.api.label); ``badge_field`` a code through
a template macro (a coloured status badge). Each keeps the raw value for the export and
takes the other ``ListField`` options (``truncate``, ``link``, ``numeric``...).
"""

from __future__ import annotations

from flask import get_template_attribute, url_for

from core.i18n.formatting import format_date, format_datetime
from core.i18n.labels import label
from core.listing.spec import Field


def column_field(key: str, text, column, **options) -> Field:
    """The model's ``column`` under the URL's sort key ``key`` (the row's attribute may be
    named otherwise: ``column_field("updated", ..., Transmission.updated_at)``)."""
    name = column.key
    return Field(key, text, sort=column, attr="" if name == key else name, **options)


def id_field(column, endpoint: str, arg: str, **options) -> Field:
    """The record's id as ``#``, linking to its page (``url_for(endpoint, arg=id)``)."""
    return column_field(
        "id", "#", column, link=lambda row: url_for(endpoint, **{arg: row.id}), **options
    )


def when_field(key: str, text, column, time: bool = True, **options) -> Field:
    """A moment (``time=False``: a calendar date) shown in the reader's locale."""
    name, shown = column.key, format_datetime if time else format_date
    return column_field(key, text, column, show=lambda row: shown(getattr(row, name)), **options)


def code_field(key: str, text, column, kind: str, **options) -> Field:
    """A code shown by its human label of ``kind``; none when the row has none."""
    name = column.key

    def show(row):
        code = getattr(row, name)
        return None if code is None or code == "" else label(kind, code)

    return column_field(key, text, column, show=show, **options)


def badge_field(key: str, text, column, macro: str, *args, **options) -> Field:
    """A code shown by ``macro`` (``"ap/_macros.html:status_badge"``), called with the
    row's value and ``args``."""
    name, (template, _, call) = column.key, macro.partition(":")

    def show(row):
        return get_template_attribute(template, call)(getattr(row, name), *args)

    return column_field(key, text, column, show=show, **options)
