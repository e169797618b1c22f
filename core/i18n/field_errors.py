"""A service's field errors as sentences for a flash message, without its field names.

``{"lines[1].received_quantity": "cannot be negative", "reason": "is required"}`` reads
"Line 2: cannot be negative" and "Reason: is required" (``labels`` names the other fields; a
field without a label gives its message alone): no ``snake_case`` key reaches the reader.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _

_LINE = re.compile(r"^lines\[(\d+)\]")


def field_sentences(fields: dict, labels: dict | None = None) -> list[str]:
    sentences = []
    for name, message in (fields or {}).items():
        line = _LINE.match(str(name))
        label = (labels or {}).get(name)
        if line:
            sentences.append(
                _("Line %(n)s: %(problem)s", n=int(line.group(1)) + 1, problem=message)
            )
        elif label:
            sentences.append(_("%(label)s: %(problem)s", label=label, problem=message))
        else:
            sentences.append(str(message))
    return sentences
