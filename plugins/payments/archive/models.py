"""Archive tables (the live tables' columns, built from them so they cannot drift) and the
read-only views of migration 0002.

The views live in their own ``MetaData``: nothing ever creates them as tables, and Alembic's
autogenerate does not see them.

These classes are mapped onto ready-made tables, so they cannot mix in ``TenantMixin`` (it adds
its own ``company_id`` column): every query of them names the company itself (``of_company``).
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, MetaData, Table, and_
from sqlalchemy.orm import foreign, relationship

from core.api import db
from plugins.payments.models import Allocation, Payment, Refund

VIEWS = MetaData()


def _columns(live: Table) -> list[Column]:
    """Fresh columns with the live table's names and types; the archive keeps the ids."""
    return [
        Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable, autoincrement=False)
        for c in live.columns
    ]


class PaymentArchive(db.Model):
    __tablename__ = "payments_payment_archive"
    __table__ = Table("payments_payment_archive", db.metadata, *_columns(Payment.__table__))


class RefundArchive(db.Model):
    __tablename__ = "payments_refund_archive"
    __table__ = Table("payments_refund_archive", db.metadata, *_columns(Refund.__table__))


class AllocationArchive(db.Model):
    __tablename__ = "payments_allocation_archive"
    __table__ = Table("payments_allocation_archive", db.metadata, *_columns(Allocation.__table__))


ARCHIVE_OF = {
    Payment.__table__: PaymentArchive.__table__,
    Refund.__table__: RefundArchive.__table__,
    Allocation.__table__: AllocationArchive.__table__,
}


class AllocationAny(db.Model):
    """Allocations of live and archived payments (view ``payments_allocation_all``)."""

    __table__ = Table("payments_allocation_all", VIEWS, *_columns(Allocation.__table__))


class PaymentAny(db.Model):
    """Live and archived payments (view ``payments_payment_all``), flagged ``archived``."""

    __table__ = Table(
        "payments_payment_all",
        VIEWS,
        *_columns(Payment.__table__),
        Column("archived", Boolean, nullable=False),
    )

    allocations = relationship(
        AllocationAny,
        primaryjoin=lambda: and_(foreign(AllocationAny.payment_id) == PaymentAny.id),
        order_by=lambda: AllocationAny.id,
        viewonly=True,
        lazy="selectin",
    )


MODELS = [PaymentArchive, RefundArchive, AllocationArchive]


def of_company(model, company_id: int):
    from sqlalchemy import select

    return select(model).where(model.company_id == company_id)
