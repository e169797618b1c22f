"""Background jobs on Huey: SQLite storage by default, Redis when configured, inline in tests.

Each app builds its own Huey instance (``app.extensions["ledgerline.huey"]``) and registers
its tasks on it as closures over the app, so the consumer started by ``flask jobs worker``
runs every job inside that app's context, with the job's company as the tenant scope.
"""

from __future__ import annotations

from core.jobs.context import JobContext
from core.jobs.enqueue import JobRefused, enqueue_job
from core.jobs.validation import JobParamsInvalid, validates_params

__all__ = [
    "JobContext",
    "JobParamsInvalid",
    "JobRefused",
    "enqueue_job",
    "init_app",
    "validates_params",
]


def init_app(app) -> None:
    from core.jobs import backend, cli, tasks, views

    huey = backend.make_huey(app)
    app.extensions["ledgerline.huey"] = huey
    tasks.register(app, huey)
    app.register_blueprint(views.bp)
    app.cli.add_command(cli.jobs_cli)
