"""Reading archived payments: one by id, or lists that include them (the live+archive view)."""

from __future__ import annotations

from sqlalchemy import select

from core.api import db
from plugins.payments.api import serialize as s
from plugins.payments.archive.models import PaymentAny, PaymentArchive


def archived_payment(actor, payment_id: int) -> PaymentAny | None:
    """The archived payment ``payment_id`` if ``actor`` may see it (own company; a super admin
    sees every company's)."""
    query = select(PaymentAny).where(PaymentAny.id == payment_id, PaymentAny.archived.is_(True))
    if not actor.is_super_admin:
        query = query.where(PaymentAny.company_id == actor.company_id)
    return db.session.scalars(query).one_or_none()


def is_archived(company_id: int, payment_id: int) -> bool:
    query = select(PaymentArchive.id).where(
        PaymentArchive.id == payment_id, PaymentArchive.company_id == company_id
    )
    return db.session.scalar(query) is not None


def payment_json(row) -> dict:
    """The API's payment JSON plus ``archived`` (a live ``Payment`` or a ``PaymentAny``)."""
    return {**s.payment(row), "archived": bool(getattr(row, "archived", False))}
