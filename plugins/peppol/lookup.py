"""Is a participant registered on the network, and for which document types? Asked through
the company's providers, cached per company and re-checked after an interval."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from core.api import db, utcnow
from plugins.peppol import accounts, participants
from plugins.peppol.errors import ProviderError
from plugins.peppol.models import Participant
from plugins.peppol.providers.registry import adapter_for


def cached(company_id: int, participant_id: str) -> Participant | None:
    return db.session.scalar(
        select(Participant).where(
            Participant.company_id == company_id, Participant.participant_id == participant_id
        )
    )


def fresh(row: Participant | None) -> bool:
    hours = float(current_app.config["PEPPOL_LOOKUP_RECHECK_HOURS"])
    return (
        row is not None and row.error is None and utcnow() - row.checked_at < timedelta(hours=hours)
    )


def lookup(company_id: int, check: participants.Check, refresh: bool = False) -> Participant | None:
    """The cached answer, or a new look-up (None when no provider can look participants up).

    Special UAE endpoints are never looked up: they are not network participants.
    """
    if check.special:
        return None
    row = cached(company_id, check.participant_id)
    if fresh(row) and not refresh:
        return row
    answer = _ask(company_id, check)
    if answer is None:
        return row
    return _store(company_id, check.participant_id, row, *answer)


def _ask(company_id: int, check: participants.Check):
    adapters = [(a.name, adapter_for(a)) for a in accounts.ordered(company_id, "lookup")]
    db.session.commit()
    if not adapters:
        return None
    error = None
    for name, adapter in adapters:
        for pid in filter(None, (check.participant_id, participants.alternative(check))):
            try:
                found = adapter.lookup(pid)
            except ProviderError as exc:
                error = f"{name}: {exc.message}"
                break  # this provider cannot answer now: ask the next one
            if found.registered:
                return True, list(found.document_types), name, None
        else:
            return False, [], name, None
    return None, [], None, error


def _store(company_id, participant_id, row, registered, types, provider, error):
    row = row or Participant(company_id=company_id, participant_id=participant_id)
    row.registered, row.document_types = registered, types
    row.provider_name, row.error, row.checked_at = provider, error, utcnow()
    db.session.add(row)
    db.session.commit()
    return row
