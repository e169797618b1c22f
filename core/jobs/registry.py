"""The job types the app knows: core's own plus every enabled plugin's ``job_types()``."""

from __future__ import annotations

from flask import current_app
from huey import crontab

from core.jobs import builtin, stale

CORE_JOB_TYPES = {
    "core.demo_count": builtin.demo_count,
    "core.purge_idempotency": builtin.purge_idempotency,
    "core.fail_stale_jobs": stale.fail_stale_jobs_job,
}

# Job types the worker's scheduler starts by itself; they are not offered on the Run button.
SCHEDULES = {
    "core.purge_idempotency": crontab(minute="0"),
    "core.fail_stale_jobs": crontab(minute="0"),
}


def job_types() -> dict:
    """``{name: callable}``, read from the hook each time so it follows the enabled plugins."""
    found = dict(CORE_JOB_TYPES)
    plugins = current_app.extensions["ledgerline.plugins"]
    for batch in plugins.hook.job_types():
        for name, func in (batch or {}).items():
            if name in found:
                raise RuntimeError(f"job type {name!r} is declared twice")
            found[name] = func
    return found


def schedules(app) -> dict:
    """Core's schedules plus every plugin's ``job_schedules()`` (crontab keyword dicts)."""
    found = dict(SCHEDULES)
    for batch in app.extensions["ledgerline.plugins"].hook.job_schedules():
        for name, spec in (batch or {}).items():
            if name in found:
                raise RuntimeError(f"job schedule {name!r} is declared twice")
            found[name] = crontab(**spec)
    return found


def manual_job_types() -> dict:
    scheduled = schedules(current_app)
    return {name: func for name, func in job_types().items() if name not in scheduled}


def needs_input(func) -> bool:
    """True when the job cannot run from a bare Run button: its callable has a required
    argument besides the job context (``import_zip(ctx, token)``), or its params check refuses
    an empty set of params (``send_email`` needs an invoice)."""
    import inspect

    from core.jobs.validation import JobParamsInvalid, validated

    params = list(inspect.signature(func).parameters.values())[1:]
    plain = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    if any(p.default is inspect.Parameter.empty and p.kind in plain for p in params):
        return True
    try:
        validated(func, {})
    except JobParamsInvalid:
        return True
    return False
