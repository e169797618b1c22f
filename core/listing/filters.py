"""Filters most lists offer: another record (a select of records), yes or no."""

from __future__ import annotations

from flask_babel import lazy_gettext

from core.inputs import query_id
from core.listing.spec import Filter


def record_filter(name: str, text, column, options) -> Filter:
    """A select of records (``options()`` gives ``(id, name)`` pairs) keeping the rows whose
    ``column`` holds the chosen id (``?vendor_id=7``); anything but an id is a 400."""

    def apply(query, value: str):
        return query.where(column == query_id(name, {name: value}))

    return Filter(name, text, options=options, apply=apply)


def yes_no_filter(name: str, text, yes, no) -> Filter:
    """A yes/no select: "yes" keeps the rows where the condition ``yes`` holds, "no" those
    where ``no`` does (``Item.active.is_(True)`` / ``.is_(False)``); anything else, all."""

    def options():
        return [("yes", lazy_gettext("yes")), ("no", lazy_gettext("no"))]

    def apply(query, value: str):
        condition = {"yes": yes, "no": no}.get(value)
        return query if condition is None else query.where(condition)

    return Filter(name, text, options=options, apply=apply)
