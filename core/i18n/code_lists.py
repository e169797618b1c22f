"""The code lists core owns: countries and currencies (names from Babel's CLDR data, in
every locale), UAE emirates (ISO 3166-2, as ``Company.subdivision`` stores them), roles."""

from __future__ import annotations

from babel.numbers import get_currency_name
from flask_babel import lazy_gettext as _l


def country_name(code: str, locale) -> str | None:
    return locale.territories.get(code.upper())


def currency_name(code: str, locale) -> str | None:
    name = get_currency_name(code.upper(), locale=locale)
    return None if name == code.upper() else name


EMIRATES = {
    "AE-AZ": _l("Abu Dhabi"),
    "AE-DU": _l("Dubai"),
    "AE-SH": _l("Sharjah"),
    "AE-AJ": _l("Ajman"),
    "AE-UQ": _l("Umm Al Quwain"),
    "AE-RK": _l("Ras Al Khaimah"),
    "AE-FU": _l("Fujairah"),
}

ROLES = {
    "SUPER_ADMIN": _l("Super admin"),
    "COMPANY_ADMIN": _l("Company admin"),
    "FINANCE_USER": _l("Finance user"),
    "SYSTEM": _l("System"),
}


JOB_STATUSES = {
    "pending": _l("Waiting"),
    "running": _l("Running"),
    "completed": _l("Completed"),
    "failed": _l("Failed"),
}

JOBS = {
    "core.demo_count": _l("Count the audit log entries (demo)"),
    "core.purge_idempotency": _l("Forget old idempotency keys"),
    "core.fail_stale_jobs": _l("Fail jobs whose worker stopped"),
}

# What a job does, next to its Run button (plugins add theirs to this kind).
JOB_DESCRIPTIONS = {
    "core.demo_count": _l("Counts the company's audit log entries in chunks (a harmless example)."),
}

# How a job was started (its stored ``type``).
JOB_TYPES = {
    "manual": _l("started by a user"),
    "scheduled": _l("scheduled"),
}

# Domain events as sentences: %(actor)s is who did it, %(record)s a link to the record;
# other placeholders come from the event's data (%(amount)s is formatted with its currency).
EVENTS = {
    "JobQueued": _l("%(actor)s started %(record)s"),  # the record reads "job #12"
    "CompanyUpdated": _l("%(actor)s updated the company profile"),
    "UserCreated": _l("%(actor)s added the user %(record)s"),
    "UserDeactivated": _l("%(actor)s deactivated the user %(record)s"),
    "UserReactivated": _l("%(actor)s reactivated the user %(record)s"),
}

RECORD_TYPES = {
    "core_job": _l("job"),
    "core_user": _l("user"),
    "company": _l("company"),
}


def core_labels() -> dict:
    return {
        "country": country_name,
        "currency": currency_name,
        "emirate": EMIRATES,
        "role": ROLES,
        "job_status": JOB_STATUSES,
        "job": JOBS,
        "job_description": JOB_DESCRIPTIONS,
        "job_type": JOB_TYPES,
        "event": EVENTS,
        "record_type": RECORD_TYPES,
    }
