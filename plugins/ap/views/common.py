"""Helpers shared by the AP pages (permissions and look-ups come from core.api)."""

from __future__ import annotations

from flask import request


def sorted_by(query, columns: dict, default: str):
    """``?sort=name`` or ``?sort=-name`` among ``columns``; the id breaks ties."""
    key = request.args.get("sort") or default
    column = columns.get(key.lstrip("-")) or columns[default.lstrip("-")]
    descending = key.startswith("-") if key.lstrip("-") in columns else default.startswith("-")
    entity = query.column_descriptions[0]["entity"]
    order = (column.desc(), entity.id.desc()) if descending else (column.asc(), entity.id.asc())
    return query.order_by(*order), key
