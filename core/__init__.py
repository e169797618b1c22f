"""Ledgerline core: ``create_app`` builds the Flask app and loads the plugins."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from core.app_class import LedgerlineFlask

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    instance = (test_config or {}).get("INSTANCE_PATH") or os.environ.get(
        "LEDGERLINE_INSTANCE_PATH"
    )
    app = LedgerlineFlask(
        __name__,
        instance_path=instance,
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from core.session_cookies import SessionCookies

    app.session_interface = SessionCookies()

    from core.inputs import int_converter

    app.url_map.converters["int"] = int_converter()  # ASCII digits, 64-bit: else 404

    from core import config

    config.load(app, test_config)

    from core import bootstrap

    bootstrap.init(app)
    return app
