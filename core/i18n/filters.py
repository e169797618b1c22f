"""Template filters: ``money``, ``number``, ``date``, ``datetime``, ``label``, ``label_text``,
``job_result_value``."""

from __future__ import annotations

from flask import Flask
from jinja2 import pass_context

from core.i18n import formatting, labels, results, sentences


def money(value, currency=None):
    return formatting.format_money(value, currency)


def number(value, digits=None):
    return formatting.format_number(value, digits)


def date(value, format="medium"):
    return formatting.format_date(value, format)


def datetime(value, format="medium"):
    return formatting.format_datetime(value, format)


def per_request(function):
    """A filter whose answer depends on the reader (language, time zone): taking the context
    keeps Jinja from folding ``"posted" | label_text(...)`` into a constant when it compiles
    the template, which froze the first reader's language for everyone after."""
    return pass_context(lambda _context, *args, **kwargs: function(*args, **kwargs))


def register(app: Flask) -> None:
    filters = {
        "money": money,
        "number": number,
        "date": date,
        "datetime": datetime,
        "label": labels.label_html,
        "label_text": lambda code, kind: labels.label(kind, code),
        "event_sentence": sentences.sentence,
        "job_result_value": results.job_result_value,
    }
    app.jinja_env.filters.update({name: per_request(f) for name, f in filters.items()})
