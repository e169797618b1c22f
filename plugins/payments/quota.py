"""Per-company record quota (``PAYMENTS_RECORD_QUOTA``; None means unlimited).

Records are payments (reversals included) and refunds, live and archived: archiving moves
rows, it does not free storage. The check runs on every flush that adds such a record, so
API, pages, CLI and jobs all meet it without each remembering to call it: ``init_app``
registers that flush listener (the plugin's ``init_app`` hook calls it). ``StorageFull`` is a
domain refusal that core's handler answers with 507 ``storage_full``.
"""

from __future__ import annotations

from flask import current_app, has_app_context
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from core.api import Refused
from plugins.payments.archive.models import PaymentArchive, RefundArchive
from plugins.payments.models import Payment, Refund

COUNTED = (Payment, Refund, PaymentArchive, RefundArchive)


class StorageFull(Refused):
    """The company's record quota is used up: 507, the server has no room for it."""

    def __init__(self, quota: int, used: int):
        super().__init__(
            "storage_full",
            f"This company has used its quota of {quota} payment and refund records; "
            "ask an administrator to raise PAYMENTS_RECORD_QUOTA.",
            {"quota": quota, "used": used},
        )

    @property
    def status(self) -> int:
        return 507


def quota() -> int | None:
    if not has_app_context():
        return None
    value = current_app.config.get("PAYMENTS_RECORD_QUOTA")
    return None if value in (None, "") else int(value)


def used(session: Session, company_id: int) -> int:
    return sum(
        session.scalar(select(func.count()).select_from(m).where(m.company_id == company_id))
        for m in COUNTED
    )


def check(session: Session, company_id: int, adding: int) -> None:
    """Raise ``StorageFull`` if ``adding`` more records would pass the company's quota."""
    limit = quota()
    if limit is None:
        return
    count = used(session, company_id)
    if count + adding > limit:
        raise StorageFull(limit, count)


def init_app(app) -> None:
    """Check the quota on every flush of every session (once per process; the quota itself
    is read from the running app's config, so each app keeps its own)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)


def _before_flush(session, flush_context, instances) -> None:
    if quota() is None:
        return
    adding: dict[int, int] = {}
    for obj in session.new:
        if isinstance(obj, Payment | Refund) and obj.company_id is not None:
            adding[obj.company_id] = adding.get(obj.company_id, 0) + 1
    with session.no_autoflush:
        for company_id, n in adding.items():
            check(session, company_id, n)
