"""``flask --app wsgi`` commands: companies, users, tokens, plugins, demo, verify."""

from __future__ import annotations


def init_app(app) -> None:
    pass
