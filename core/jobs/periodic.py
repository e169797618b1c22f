"""Scheduled jobs on every worker, each due minute run once: whichever worker is alive.

Huey's scheduler enqueues a periodic task from every consumer that runs with periodic tasks
on, so with two workers each schedule would run twice (Huey's own advice is to give all but
one ``--no-periodic``, which leaves no scheduled job at all once that one worker dies). Here
every worker schedules, and the due minute is claimed first: the schedule check returns true
only to the scheduler that wrote the claim ``<queue>.periodic.<job>.<YYYYMMDDHHMM>`` (Huey's
``put_if_empty``, an atomic ``SET NX`` with an expiry on Redis). Every scheduler checks every
``CHECK_SECONDS`` (Huey's own is 60: one check could slip past a minute), so each due minute
is claimed within seconds by one of the live workers, and by one only.

The claim needs shared storage that expires keys (the Redis backend). With the SQLite
backend (one machine, ``make run``) the schedule is used as it is: run one worker there.
"""

from __future__ import annotations

import logging

from huey.consumer import Consumer, Scheduler
from huey.storage import RedisExpireStorage

log = logging.getLogger("ledgerline.jobs")

CLAIM_SECONDS = 2 * 24 * 3600  # long after every scheduler has checked that minute
CHECK_SECONDS = 15


def claims(huey) -> bool:
    """Whether the queue's storage is shared and expires keys, so due minutes are claimed."""
    return isinstance(huey.storage, RedisExpireStorage)


class _OftenScheduler(Scheduler):
    periodic_task_seconds = CHECK_SECONDS


class ClaimingConsumer(Consumer):
    """Huey's consumer, its scheduler checking the schedules every ``CHECK_SECONDS``: only
    safe once due minutes are claimed (a second check in a minute finds it taken)."""

    scheduler_class = _OftenScheduler


def create_consumer(huey, **options):
    """The consumer for ``flask jobs worker``."""
    if claims(huey):
        return ClaimingConsumer(huey, **options)
    return huey.create_consumer(**options)


def once_per_due_minute(huey, name: str, schedule):
    """The ``validate_datetime`` for ``huey.periodic_task``: ``schedule``, true for one
    scheduler only per due minute when the queue's storage is shared (Redis)."""
    if not claims(huey):
        return schedule

    def claimed(timestamp) -> bool:
        if not schedule(timestamp):
            return False
        key = f"{huey.name}.periodic.{name}.{timestamp:%Y%m%d%H%M}"
        try:
            return huey.put_if_empty(key, "1", ttl=CLAIM_SECONDS)
        except Exception as exc:  # Redis unreachable: this scheduler skips; the others try
            log.warning("could not claim scheduled job %s for %s: %s", name, timestamp, exc)
            return False

    return claimed
