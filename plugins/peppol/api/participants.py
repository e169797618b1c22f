"""/api/v1/peppol/participants/<scheme:value>: format check and network look-up."""

from __future__ import annotations

from flask import request

from core.api import company_id, describe, require_permission
from plugins.peppol import lookup, participants
from plugins.peppol.api import bp
from plugins.peppol.permissions import READ
from plugins.peppol.timefmt import iso


@bp.get("/peppol/participants/<participant_id>")
@require_permission(READ)
@describe(tags=("peppol",), query={"refresh": {"type": "boolean"}})
def participants_read(participant_id: str):
    """Check a participant id (``0088:5790000435975``) and look it up through a provider.

    ``valid_format`` is false with a ``reason`` for an unknown scheme, a bad format or wrong
    check digits; ``registered`` appears once a provider answered (cached, re-checked after
    ``PEPPOL_LOOKUP_RECHECK_HOURS``); ``refresh=1`` asks again now.
    """
    check = participants.check(participant_id)
    out = check.to_dict()
    if not check.valid_format:
        return out
    refresh = request.args.get("refresh") in ("1", "true")
    row = lookup.lookup(company_id(), check, refresh=refresh)
    if row is not None:
        out.update(
            registered=row.registered,
            document_types=list(row.document_types or []),
            checked_at=iso(row.checked_at),
            checked_by=row.provider_name,
        )
        if row.error:
            out["lookup_error"] = row.error
    return out
