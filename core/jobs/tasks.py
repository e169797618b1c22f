"""The Huey tasks: closures over the app, so the consumer runs them in its app context."""

from __future__ import annotations

from core.jobs.periodic import once_per_due_minute
from core.jobs.registry import schedules

RUN_TASK = "ledgerline.run_job"


def register(app, huey) -> None:
    def run(job_id: int) -> None:
        from core.jobs.runner import run_job

        with app.app_context():
            run_job(job_id)

    app.extensions["ledgerline.jobs.run"] = huey.task(name=RUN_TASK)(run)
    for name, schedule in schedules(app).items():
        due = once_per_due_minute(huey, name, schedule)
        huey.periodic_task(due, name=f"ledgerline.scheduled.{name}")(_periodic(app, name))


def _periodic(app, name: str):
    def run() -> None:
        from core.jobs.scheduled import run_scheduled

        with app.app_context():
            run_scheduled(name)

    return run
