"""Demo data: a ``mock`` provider account per demo company, so "Send via Peppol" works."""

from __future__ import annotations

from sqlalchemy import select

from core.api import db
from plugins.peppol import manage
from plugins.peppol.models import ProviderAccount

NAME = "Demo access point (mock)"


def seed(company) -> bool:
    """Add the demo account unless the company has one; True when added."""
    exists = db.session.scalar(
        select(ProviderAccount.id).where(
            ProviderAccount.company_id == company.id, ProviderAccount.name == NAME
        )
    )
    if exists:
        return False
    manage.create(company.id, {"name": NAME, "type": "mock", "priority": 100})
    return True
