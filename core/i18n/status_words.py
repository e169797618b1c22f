"""A status named inside a message ("An invoice that is FINALIZED cannot become SENT.").

In English the code itself, word for word what the API's English messages have always said
(clients may match on them); in any other language the status's label from the label
registry, so an Arabic sentence carries no English capitals.
"""

from __future__ import annotations

from core.i18n.formatting import current_locale
from core.i18n.labels import label
from core.i18n.selection import DEFAULT_LOCALE


def status_word(kind: str, code) -> str:
    """``code`` of the label kind ``kind`` as a message names it in the reader's language."""
    if code is None:
        return ""
    if current_locale().language == DEFAULT_LOCALE:
        return str(code)
    return label(kind, code)
