"""Core's own hook implementations, registered first so that plugins' answers win."""

from __future__ import annotations

from core.hookimpl import hookimpl
from core.i18n.sentences import record_pages


@hookimpl(trylast=True)
def identify_actor(request, auth):
    from core.auth.identity import actor_from_request

    return actor_from_request(request, auth)


@hookimpl(wrapper=True)
def handle_event(event):
    """Audit every domain event after plugins have handled it."""
    result = yield
    from core.audit import record_event

    record_event(event)
    return result


record_url = hookimpl(trylast=True)(record_pages({"core_job": ("core_jobs.detail", "job_id")}))
