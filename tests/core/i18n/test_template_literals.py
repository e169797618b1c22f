"""No template shows literal text that skips the catalogue (checked by parsing, no server)."""

from __future__ import annotations

import pytest
from jinja2 import Environment

from core import PROJECT_ROOT
from core.i18n.literals import untranslated

ENV = Environment(extensions=["jinja2.ext.i18n"])
# Template folders whose every user-visible word goes through the catalogue.
SWEPT = [
    "templates",
    "plugins/invoicing/templates",
    "plugins/payments/templates",
    "plugins/ap/templates",
    "plugins/peppol/templates",
    "plugins/wallet/templates",
]
# Fragments that are attribute lists, not text.
NOT_TEXT = {"_live_widget.html"}


def templates():
    for folder in SWEPT:
        yield from (
            p for p in sorted((PROJECT_ROOT / folder).rglob("*.html")) if p.name not in NOT_TEXT
        )


@pytest.mark.parametrize("path", list(templates()), ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_template_text_goes_through_the_catalogue(path):
    assert untranslated(ENV, path.read_text()) == []


def test_the_check_finds_literal_text_and_accepts_translated_text():
    source = (
        '<p title="Click me">Hello {{ name }}</p><p>{{ _("Hi") }}</p>'
        "<script>var x = 'not prose';</script><code>/api/v1</code><p>PDF · {{ x }}</p>"
        '{% trans %}Welcome{% endtrans %}<input type="submit" value="Send">'
    )
    assert untranslated(ENV, source) == ["Click me", "Hello {…}", "Send"]
