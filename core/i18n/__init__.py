"""Languages, time zones, number/date formatting and code labels (Flask-Babel + Babel).

``init_app`` sets up Flask-Babel with one translation directory per catalogue (core's
``core/translations`` and each enabled plugin's ``translations/``), compiles their ``.po``
files into the instance folder, and registers the template filters ``money``, ``number``,
``date``, ``datetime`` and ``label``. Templates get ``_``/``gettext``/``ngettext`` from
Flask-Babel, and ``current_locale`` / ``text_direction`` for ``<html lang dir>``.
"""

from __future__ import annotations

from flask import Flask
from flask_babel import Babel, refresh

from core.i18n import catalogs, filters, selection

babel = Babel()


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", selection.DEFAULT_LOCALE)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "UTC")
    plugins = app.extensions["ledgerline.plugins"].enabled()
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(
        str(path) for path in catalogs.compiled_directories(app, plugins)
    )
    babel.init_app(
        app,
        locale_selector=selection.select_locale,
        timezone_selector=selection.select_timezone,
    )
    # A test client's requests can share one app context (and ``g``): forget the locale and
    # time zone Flask-Babel cached there, so each request chooses its own.
    app.before_request(refresh)
    filters.register(app)
    app.context_processor(selection.template_context)
