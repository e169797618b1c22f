"""Commit, turning a database trigger's refusal into the same 409 the service would give.

Final records are guarded twice: the service refuses first, and a trigger in the database
refuses whatever slips past it (another process, a raw statement). The trigger's message
carries a marker; ``commit({"invoice_not_draft": "The invoice is no longer a draft."})`` rolls
back and raises ``Conflict("invoice_not_draft", ...)`` when the refused statement names it,
rather than answering 500.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.exc import DBAPIError

from core.db import db
from core.errors import Conflict


def commit(refusals: Mapping[str, str] | None = None) -> None:
    """``db.session.commit()``; a trigger refusal whose marker is a key of ``refusals``
    becomes ``Conflict(marker, refusals[marker])`` after a rollback."""
    try:
        db.session.commit()
    except DBAPIError as exc:
        db.session.rollback()
        refused = str(exc.orig)
        for marker, message in (refusals or {}).items():
            if marker in refused:
                raise Conflict(marker, message) from exc
        raise
