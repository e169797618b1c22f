"""A service's field errors as sentences for a flash message, without its field names.

``{"lines[1].received_quantity": "cannot be negative", "reason": "is required"}`` reads
"Line 2: cannot be negative" and "Reason: is required" (``labels`` names the other fields, and
a line's own fields too: with ``{"received_quantity": "Received"}`` the first reads "Line 2,
Received: cannot be negative"; a field without a label gives its message alone): no
``snake_case`` key reaches the reader.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _

_LINE = re.compile(r"^lines\[(\d+)\](?:\.(\w+))?")


def field_sentences(fields: dict, labels: dict | None = None) -> list[str]:
    return [_sentence(str(name), message, labels or {}) for name, message in (fields or {}).items()]


def _sentence(name: str, message, labels: dict) -> str:
    line = _LINE.match(name)
    if line:
        n, part = int(line.group(1)) + 1, labels.get(line.group(2))
        if part:
            return _("Line %(n)s, %(field)s: %(problem)s", n=n, field=part, problem=message)
        return _("Line %(n)s: %(problem)s", n=n, problem=message)
    if name in labels:
        return _("%(label)s: %(problem)s", label=labels[name], problem=message)
    return str(message)
