"""Templates never use htmx trigger filters (``ll:X[detail.id==12]``).

A filter is compiled with ``Function(...)``; the content security policy (and
``htmx.config.allowEval = false``) forbids that, so htmx logs an error and the filter
matches every event: each open page would re-fetch on every record's change.
Fragments listen to ``ll:X:id=12`` instead (static/core/realtime.js).
"""

from __future__ import annotations

import re

from core import PROJECT_ROOT

FILTER = re.compile(r"hx-trigger=\"[^\"]*\[[^\"]*\"")
SKIP = (".venv", "node_modules", "static/vendor")


def templates():
    for path in PROJECT_ROOT.rglob("*.htm*"):
        relative = path.relative_to(PROJECT_ROOT).as_posix()
        if not any(part in relative for part in SKIP):
            yield relative, path.read_text(encoding="utf-8")


def test_no_template_filters_live_events_with_eval():
    offenders = [name for name, text in templates() if FILTER.search(text)]
    assert offenders == []


def test_the_check_sees_the_templates():
    names = [name for name, _ in templates()]
    assert "plugins/invoicing/templates/invoicing/invoice_detail.html" in names
