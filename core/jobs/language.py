"""The language a job writes its messages in: a worker has no reader, so a job speaks for
who started it (their language, else the company's default) and English otherwise, as before.

Errors and results are stored as written: a reader of another language sees them as the
starter's language wrote them.
"""

from __future__ import annotations

from contextlib import contextmanager, nullcontext

from flask_babel import force_locale

from core.db import db
from core.i18n.selection import LOCALES
from core.models import Company, Job, User


def starter_locale(job: Job) -> str | None:
    """The starter's language, else the company's; None when neither is set."""
    user = db.session.get(User, job.user_id) if job.user_id else None
    company = db.session.get(Company, job.company_id) if job.company_id else None
    for chosen in (getattr(user, "locale", None), getattr(company, "locale", None)):
        if chosen in LOCALES:
            return chosen
    return None


@contextmanager
def speaking_for(job: Job):
    """Translate in the job's language inside the block (unchanged when none is set: a job run
    inline keeps the request's)."""
    locale = starter_locale(job)
    with force_locale(locale) if locale else nullcontext():
        yield
