"""Provider accounts: listing the ones that may send, in failover order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from core.api import db
from plugins.peppol.models import ProviderAccount
from plugins.peppol.providers.base import Provider
from plugins.peppol.providers.registry import adapter_for, provider_types


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    type: str
    opened_at: datetime | None
    adapter: Provider


def enabled(company_id: int) -> list[ProviderAccount]:
    """Enabled accounts of a known type, by priority (then age)."""
    known = provider_types()
    rows = db.session.scalars(
        select(ProviderAccount)
        .where(ProviderAccount.company_id == company_id, ProviderAccount.enabled.is_(True))
        .order_by(ProviderAccount.priority, ProviderAccount.id)
    ).all()
    return [a for a in rows if a.type in known]


def ordered(company_id: int, ability: str) -> list[ProviderAccount]:
    """Enabled accounts whose adapter can ``ability``, by priority (then age)."""
    known = provider_types()
    return [a for a in enabled(company_id) if ability in known[a.type].supports]


def senders(company_id: int) -> list[Candidate]:
    """Accounts that take outgoing documents; ``{"outbound": false}`` keeps one out."""
    return [
        Candidate(a.id, a.name, a.type, a.circuit_opened_at, adapter_for(a))
        for a in ordered(company_id, "send")
        if (a.settings or {}).get("outbound", True)
    ]
