"""Record versions: optimistic concurrency for every editable record.

A model mixes in ``Versioned``: an integer ``version`` column (1 on insert) that SQLAlchemy
uses as its ``version_id_col``, so every UPDATE of the row says ``WHERE version = <read>``.
The application raises the number itself (``bump_version``) when a user's edit is saved,
so a page or API client holding version 3 learns that someone saved version 4 meanwhile:

* ``check_version(record, expected)`` refuses a save made against an older version with
  ``StaleVersion`` (409 ``stale_version``, the current record in ``details.current``);
* two saves that both passed the check at the same moment cannot both win either: the second
  UPDATE matches no row and SQLAlchemy's ``StaleDataError`` becomes the same 409
  (``core.errors``).

Only ``bump_version`` changes the number: payments moving ``amount_due`` of a finalized
invoice do not make an open edit form stale (and the frozen columns stay frozen).

**Background jobs** write versioned rows without ``bump_version`` (the AP rematch job's
``match_status``, a send job's ``status``/``sent_at``): they change columns no edit form
carries, so a user who opened the record before the job ran saves without a 409, and the
save's UPDATE sets only the columns the user changed, so the job's values stay. Their UPDATE
still says ``WHERE version = <read>``; a job reads the row under ``lock_for_update`` (fresh
version) before it writes, so a user's save landing first does not fail the job either.
A job that ever changes what a user edits must call ``bump_version`` and accept that the
user's next save is then refused as stale, which is right: there is something to merge.
"""

from __future__ import annotations

import re

from flask import request
from flask_babel import gettext as _
from sqlalchemy import inspect
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from core.db import db
from core.errors import ApiError, Conflict

STALE_VERSION = "stale_version"
_TAG = re.compile(r'^\s*(?:W/)?"(\d{1,18})"\s*$')


class Versioned:
    """Mix into a model whose rows users edit: adds ``version`` (see the module doc)."""

    @declared_attr
    def version(cls) -> Mapped[int]:  # noqa: N805
        return mapped_column(default=1, server_default="1", nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:  # noqa: N805
        return {"version_id_col": cls.__table__.c.version, "version_id_generator": False}


class StaleVersion(Conflict):
    """A save made against an older version than the one stored now."""

    def __init__(self, expected: int, record, current: dict | None = None):
        message = _(
            "Someone else saved this record since you opened it (you had version "
            "%(expected)s, it is now version %(version)s). Review their changes and save again.",
            expected=expected,
            version=record.version,
        )
        details = {"expected_version": expected, "current_version": record.version}
        if current is not None:
            details["current"] = current
        super().__init__(STALE_VERSION, message, details)
        self.record = record


def bump_version(record) -> None:
    """Mark a user's save: the next UPDATE of ``record`` writes version + 1 (once per save)."""
    if not inspect(record).attrs.version.history.has_changes():
        record.version = (record.version or 0) + 1
        from core import edit_rooms  # its editors open elsewhere hear of it after commit

        edit_rooms.saved(record)


def apply_edit(record, values: dict):
    """A user's edit: each ``values`` field set on ``record``, a new version, flushed."""
    for name, value in values.items():
        setattr(record, name, value)
    bump_version(record)
    db.session.flush()
    return record


def check_version(record, expected: int | None, serialize=None) -> None:
    """Refuse a save against an older version; ``expected`` None means "not asked"."""
    if expected is not None and expected != record.version:
        raise StaleVersion(expected, record, serialize(record) if serialize else None)


def row_version(row) -> int:
    """The version of a settings row made on the first change: 0 while there is none."""
    return row.version if row is not None else 0


def check_row_version(row, expected: int | None, current: dict) -> None:
    """``check_version`` for a one-row-per-company settings record that may not exist yet."""
    if expected is not None and expected != row_version(row):
        raise StaleVersion(expected, _At(row_version(row)), current)


class _At:
    def __init__(self, version: int):
        self.version = version


def etag(record) -> str:
    return f'"{record.version}"'


def with_etag(body, record, status: int = 200):
    """A JSON answer carrying the record's ``ETag`` (its version, quoted)."""
    return body, status, {"ETag": etag(record)}


def if_match() -> int | None:
    """The version an API client based its write on (``If-Match: "4"``), or None.

    No header, or ``*``, means the client did not ask: its write goes through as before
    (last write wins), so clients written before versions existed keep working. A header
    that is not one quoted version number is a 400, never silently ignored.
    """
    raw = request.headers.get("If-Match")
    if raw is None or raw.strip() == "*":
        return None
    found = _TAG.match(raw)
    if found is None:
        raise ApiError(
            400,
            "invalid_if_match",
            _('If-Match must be one ETag of this record as sent by GET, e.g. If-Match: "3".'),
        )
    return int(found.group(1))


def form_version(value) -> int | None:
    """The version a page's form was rendered with (hidden field), or None if missing."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 18 else None
