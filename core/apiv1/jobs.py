"""/api/v1/jobs: the company's background jobs, one job's progress, and starting a job."""

from __future__ import annotations

from flask_babel import gettext as _

from core.apiv1 import bp
from core.apiv1.body import json_body
from core.apiv1.docs import describe
from core.apiv1.guard import require_permission
from core.errors import ApiError, validation_failed
from core.jobs import queries
from core.jobs.enqueue import JobRefused, enqueue_job
from core.jobs.registry import manual_job_types
from core.models import Job
from core.pagination import paginate
from core.requestctx import current_actor

_COUNT = {"type": "integer", "minimum": 0}
_TIME = {"type": ["string", "null"], "format": "date-time"}

JOB = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string", "description": "Job type, e.g. core.demo_count"},
        "type": {"enum": ["manual", "scheduled"]},
        "status": {"enum": ["pending", "running", "completed", "failed"]},
        "total": _COUNT,
        "processed": _COUNT,
        "succeeded": _COUNT,
        "failed": _COUNT,
        "errors": {"type": "array", "items": {"type": "string"}},
        "result": {"type": "object"},
        "created_at": {"type": "string", "format": "date-time"},
        "started_at": _TIME,
        "finished_at": _TIME,
    },
    "required": ["id", "name", "type", "status", "total", "processed", "errors"],
}

JOB_CREATE = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "minLength": 1, "description": "A manual job type"},
        "params": {"type": "object", "description": "Keyword arguments of the job type"},
    },
    "required": ["name"],
    "additionalProperties": False,
}


@bp.get("/jobs")
@require_permission("core.jobs.read")
@describe(response=JOB, paginated=True, tags=("core",))
def jobs_list():
    """The company's jobs, newest first."""
    query = queries.visible_jobs(current_actor())
    return paginate(query, order_by=(Job.created_at.desc(),))


@bp.get("/jobs/<int:job_id>")
@require_permission("core.jobs.read")
@describe(response=JOB, tags=("core",))
def job_detail(job_id: int):
    """One job with its progress; another company's jobs answer 404."""
    job = queries.get_visible(current_actor(), job_id)
    if job is None:
        raise ApiError(404, "not_found", _("No job %(job_id)s.", job_id=job_id))
    return job.to_dict()


@bp.post("/jobs")
@require_permission("core.jobs.read")
@describe(request=JOB_CREATE, response=JOB, status=202, tags=("core",))
def job_create():
    """Start a manual job; poll ``GET /api/v1/jobs/<id>`` or listen for ``job_progress``."""
    actor = current_actor()
    if not queries.can_run(actor):
        raise ApiError(403, "forbidden", _("Only a company admin can start jobs."))
    name, params = _job_request(json_body())
    try:
        job = enqueue_job(name, params, company_id=actor.company_id, user_id=actor.user_id)
    except JobRefused as exc:
        raise ApiError(422, exc.code, exc.message, exc.details) from exc
    return job.to_dict(), 202


def _job_request(body: dict) -> tuple[str, dict]:
    """Unknown fields and wrong types were refused by core against ``JOB_CREATE``."""
    name, params = body.get("name"), body.get("params", {})
    if not name:
        raise validation_failed({"name": _("must be a job type")})
    manual = manual_job_types()
    if name not in manual:
        raise ApiError(
            422,
            "unknown_job_type",
            _("There is no job type %(name)s that can be started by hand.", name=repr(name)),
            {"known": sorted(manual)},
        )
    return name, params
