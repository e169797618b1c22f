"""``flask jobs worker``: the Huey consumer, run in-process with this app."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import AppGroup

jobs_cli = AppGroup("jobs", help="Background jobs.")


@jobs_cli.command("worker")
@click.option(
    "--workers",
    "-w",
    default=2,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker threads running jobs side by side.",
)
@click.option(
    "--no-periodic",
    is_flag=True,
    help="Do not start scheduled jobs from this worker (with Redis every worker may: each due "
    "run is claimed by one).",
)
def worker(workers: int, no_periodic: bool) -> None:
    """Run queued jobs (and the hourly scheduled ones) until interrupted with Ctrl-C."""
    from core.jobs.backend import describe
    from core.jobs.periodic import create_consumer
    from core.jobs.stale import fail_stale_jobs

    huey = current_app.extensions["ledgerline.huey"]
    if huey.immediate:
        raise click.UsageError(
            "JOBS_BACKEND is 'immediate': jobs run inside the web process and there is no "
            "queue to consume. Set LEDGERLINE_JOBS_BACKEND=sqlite or redis."
        )
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    click.echo(f"Ledgerline jobs worker: {workers} thread(s), queue {describe(current_app)}")
    failed = fail_stale_jobs()
    if failed:
        click.echo(f"Marked {failed} job(s) failed: their worker stopped while running them")
    consumer = create_consumer(
        huey, workers=workers, worker_type="thread", periodic=not no_periodic
    )
    consumer.run()
