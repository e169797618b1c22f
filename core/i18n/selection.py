"""Which language and time zone a request is shown in.

Locale: the user's own setting, else the company's default (set on the company profile),
else the browser's ``Accept-Language`` (best match among the languages Ledgerline has
catalogues for), else ``BABEL_DEFAULT_LOCALE``. Time zone: the user's, else the company's, else
``BABEL_DEFAULT_TIMEZONE``. Right-to-left languages get ``dir="rtl"`` on ``<html>``.
"""

from __future__ import annotations

from babel import Locale
from flask import current_app, has_request_context, request
from flask_babel import get_locale

DEFAULT_LOCALE = "en"
# Languages with a catalogue; their names as each language writes itself (for the picker).
LOCALES = {"en": "English", "ar": "العربية"}


def select_locale() -> str:
    preference = _preference("locale")
    if preference in LOCALES:
        return preference
    company = _company_default("locale")
    if company in LOCALES:
        return company
    if has_request_context():
        best = request.accept_languages.best_match(list(LOCALES))
        if best:
            return best
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str | None:
    return _preference("timezone") or _company_default("timezone") or None


def _preference(name: str) -> str | None:
    from core.requestctx import current_actor

    if not has_request_context():
        return None
    return getattr(current_actor(), name, None)


def _company_default(name: str) -> str | None:
    from core.requestctx import current_actor

    if not has_request_context():
        return None
    return getattr(current_actor(), f"company_{name}", None)


def is_rtl(locale: Locale | None = None) -> bool:
    locale = locale or get_locale()
    return locale is not None and locale.character_order == "right-to-left"


def template_context() -> dict:
    locale = get_locale()
    return {
        "current_locale": str(locale) if locale else DEFAULT_LOCALE,
        "text_direction": "rtl" if is_rtl(locale) else "ltr",
        "locale_names": LOCALES,
    }
