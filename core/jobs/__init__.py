"""Background jobs on Huey: SQLite storage by default, Redis when configured."""

from __future__ import annotations


def init_app(app) -> None:
    pass
