"""A filter on another record: a select of records narrowing the list to the chosen one."""

from __future__ import annotations

from core.inputs import query_id
from core.listing.spec import Filter


def record_filter(name: str, text, column, options) -> Filter:
    """A select of records (``options()`` gives ``(id, name)`` pairs) keeping the rows whose
    ``column`` holds the chosen id (``?vendor_id=7``); anything but an id is a 400."""

    def apply(query, value: str):
        return query.where(column == query_id(name, {name: value}))

    return Filter(name, text, options=options, apply=apply)
