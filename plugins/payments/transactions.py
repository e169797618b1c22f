"""Transactions: a read model with one row per money movement of the live ledger.

It is the SQL view ``payments_transaction`` (migration 0002), a ``UNION ALL`` of payments
(kind ``payment``), reversal records (``reversal``, negative amounts) and processed refunds
(``refund``, negative, dated on the day they were processed). A view rather than a table:
nothing is stored twice, and each branch is served by the indexes of its own table. Its ``id``
is text (``payment:12``, ``refund:3``) so rows of both sources never collide.

The class is mapped on a ready-made table of the views' ``MetaData``, so it cannot mix in
``TenantMixin``: ``of_company`` names the company explicitly.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Integer, String, Table, select

from core.api import db
from plugins.payments.archive.models import VIEWS
from plugins.payments.models import MONEY

KINDS = ("payment", "reversal", "refund")


class Transaction(db.Model):
    __table__ = Table(
        "payments_transaction",
        VIEWS,
        Column("id", String(24), primary_key=True),
        Column("kind", String(16)),
        Column("payment_id", Integer),
        Column("refund_id", Integer),
        Column("company_id", Integer),
        Column("customer_id", Integer),
        Column("user_id", Integer),
        Column("date", Date),
        Column("amount", MONEY),
        Column("currency", String(3)),
        Column("method", String(32)),
        Column("status", String(16)),
        Column("number", String(32)),
    )


def of_company(company_id: int):
    return select(Transaction).where(Transaction.company_id == company_id)
