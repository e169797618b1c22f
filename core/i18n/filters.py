"""Template filters: ``money``, ``number``, ``date``, ``datetime``, ``label``, ``label_text``,
``job_result_value``."""

from __future__ import annotations

from flask import Flask

from core.i18n import formatting, labels, results, sentences


def money(value, currency=None):
    return formatting.format_money(value, currency)


def number(value, digits=None):
    return formatting.format_number(value, digits)


def date(value, format="medium"):
    return formatting.format_date(value, format)


def datetime(value, format="medium"):
    return formatting.format_datetime(value, format)


def register(app: Flask) -> None:
    app.jinja_env.filters.update(
        money=money,
        number=number,
        date=date,
        datetime=datetime,
        label=labels.label_html,
        label_text=lambda code, kind: labels.label(kind, code),
        event_sentence=sentences.sentence,
        job_result_value=results.job_result_value,
    )
