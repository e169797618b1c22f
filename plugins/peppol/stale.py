"""Rounds a dead worker left in SENDING: failed and due now, said in the company's language.

A worker has no reader, so the error is written as a job's messages are: in the company's
language (its profile), else English.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update

from core.api import Company, _, db, document_locale, written_in
from plugins.peppol.models import FAILED, SENDING, Transmission

STALE_SENDING = timedelta(minutes=15)


def recover_stale_rounds(now: datetime) -> int:
    """Fail every round silent for STALE_SENDING, due at ``now``; return how many. Commits."""
    cutoff = now - STALE_SENDING
    stale = (Transmission.state == SENDING) & (Transmission.updated_at < cutoff)
    companies = db.session.scalars(select(Transmission.company_id).where(stale).distinct())
    recovered = 0
    for company_id in list(companies):
        recovered += db.session.execute(
            update(Transmission)
            .where(stale, Transmission.company_id == company_id)
            .values(
                state=FAILED,
                next_attempt_at=now,
                error_class="transient",  # retried like any failed round (the page shows it)
                last_error=_stopped(company_id),
            )
            .execution_options(synchronize_session=False)
        ).rowcount
    db.session.commit()
    return recovered


def _stopped(company_id: int) -> str:
    with written_in(document_locale(db.session.get(Company, company_id))):
        return _("worker stopped while sending")
