"""A plugin's page blueprint: its pages under one prefix and its ``static/`` folder beside them."""

from __future__ import annotations

import sys
from pathlib import Path

from flask import Blueprint


def page_blueprint(name: str, import_name: str, prefix: str) -> Blueprint:
    """Blueprint ``name`` at ``prefix`` serving the plugin package's ``static/`` folder at
    ``<prefix>/static`` (``url_for("<name>.static", filename=...)``)."""
    package = ".".join(import_name.split(".")[:2])  # plugins.<plugin>, imported before its views
    root = Path(sys.modules[package].__file__).resolve().parent
    return Blueprint(
        name,
        import_name,
        url_prefix=prefix,
        static_folder=str(root / "static"),
        static_url_path="/static",
    )
