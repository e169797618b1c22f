"""Audit entries written as sentences: "Sara Ali recorded payment PAY/2026/00003 of
AED 1,000.00", with the record as a link.

Each event name has a pattern in the ``event`` label kind (core's and plugins' ``code_labels``):
``%(actor)s`` is the user's name, ``%(record)s`` a link to the record (its number when the
event carries one, else its kind and id; the URL from the ``record_url`` hook), and any other
``%(key)s`` a value of the event's data (``%(amount)s`` formatted with ``currency``). An event
without a pattern still reads as a sentence built from its name.
"""

from __future__ import annotations

import re

from flask import current_app, g, url_for
from flask_babel import gettext
from markupsafe import Markup, escape

from core.i18n.formatting import format_money
from core.i18n.labels import label, registry

_WORDS = re.compile(r"(?<!^)(?=[A-Z])")


class _Facts(dict):
    def __missing__(self, key):
        return "—"


def actor_name(entry) -> str:
    """The user's full name; the stored (masked) label when there is none or no user."""
    if entry.user_id is None:
        return entry.actor_label if entry.actor_label != "system" else gettext("The system")
    cache = g.setdefault("_ll_user_names", {})
    if entry.user_id not in cache:
        from core.db import db
        from core.models import User

        user = db.session.get(User, entry.user_id)
        cache[entry.user_id] = (user.full_name if user is not None else None) or entry.actor_label
    return cache[entry.user_id]


def record_link(record_type: str, record_id, number: str | None = None) -> Markup:
    if number:
        text = str(number)
    else:
        kind = label("record_type", record_type)
        text = f"{kind} #{record_id}" if record_id not in (None, "") else kind
    url = None
    if record_id not in (None, ""):
        hook = current_app.extensions["ledgerline.plugins"].hook
        url = hook.record_url(record_type=record_type, record_id=record_id)
    if url:
        return Markup('<a href="{}">{}</a>').format(url, text)
    return escape(text)


def record_pages(pages: dict[str, tuple[str, str]]):
    """A ``record_url`` hook from ``{record_type: (endpoint, id_argument)}``: the record's page
    (``url_for(endpoint, id_argument=int(record_id))``), None for another plugin's kind."""

    def record_url(record_type, record_id):
        page = pages.get(record_type)
        if page is None:
            return None
        endpoint, argument = page
        return url_for(endpoint, **{argument: int(record_id)})

    return record_url


def event_name(name: str) -> str:
    """``InvoicePaymentStatusChanged`` → "invoice payment status changed" (no pattern)."""
    return _WORDS.sub(" ", name).lower()


def sentence(entry) -> Markup:
    details = entry.details if isinstance(entry.details, dict) else {}
    facts = _Facts(
        {k: v for k, v in details.items() if isinstance(v, str | int) and not isinstance(v, bool)}
    )
    if "amount" in details:
        facts["amount"] = format_money(details["amount"], details.get("currency"))
    for key in ("status", "previous_status", "payment_status", "method"):
        if key in facts:
            facts[key] = label(key if key != "previous_status" else "status", facts[key])
    facts["actor"] = actor_name(entry)
    facts["record"] = record_link(entry.record_type, entry.record_id, details.get("number"))
    pattern = registry().kinds.get("event", {}).get(entry.action)
    if pattern is None:
        facts["event"] = event_name(entry.action)
        pattern = gettext("%(actor)s: %(event)s, %(record)s")
    return Markup(escape(str(pattern))) % facts
