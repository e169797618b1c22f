"""Scheduled jobs on several workers: each due minute is claimed by one scheduler (Redis)."""

from __future__ import annotations

import datetime as dt

import pytest
from huey import RedisExpireHuey, crontab

from core.jobs.periodic import once_per_due_minute
from tests.support.servers import RedisServer

HOURLY = crontab(minute="0")


@pytest.fixture
def redis():
    server = RedisServer()
    yield server
    server.stop()


def _worker(url: str) -> RedisExpireHuey:
    """One worker's Huey, with the hourly job registered as core registers it."""
    huey = RedisExpireHuey(name="ledgerline", url=url, results=False)
    due = once_per_due_minute(huey, "tests.hourly", HOURLY)
    huey.periodic_task(due, name="ledgerline.scheduled.tests.hourly")(lambda: None)
    return huey


def test_each_due_minute_is_enqueued_by_one_worker_only(redis):
    workers = [_worker(redis.url) for _ in range(3)]
    for hour in (9, 10):
        due = dt.datetime(2026, 12, 5, hour, 0)
        found = [len(w.read_periodic(due)) for w in workers]
        assert sorted(found) == [0, 0, 1], (hour, found)
        assert all(not w.read_periodic(due) for w in workers)  # asked again: still claimed
    assert [w.read_periodic(dt.datetime(2026, 12, 5, 10, 1)) for w in workers] == [[], [], []]


def test_the_survivor_takes_the_next_due_minute(redis):
    first, second = _worker(redis.url), _worker(redis.url)
    assert len(first.read_periodic(dt.datetime(2026, 12, 5, 9, 0))) == 1
    # The first worker is gone; nothing else is needed for the second to run the next one.
    assert len(second.read_periodic(dt.datetime(2026, 12, 5, 10, 0))) == 1


def test_a_claim_expires(redis):
    huey = _worker(redis.url)
    assert huey.read_periodic(dt.datetime(2026, 12, 5, 9, 0))
    ttl = huey.storage.conn.ttl(b"huey.r.ledgerline.ledgerline.periodic.tests.hourly.202612050900")
    assert 0 < ttl <= 2 * 24 * 3600


def test_workers_look_often_only_when_due_minutes_are_claimed(redis, tmp_path):
    from huey import SqliteHuey
    from huey.consumer import Consumer

    from core.jobs.periodic import CHECK_SECONDS, ClaimingConsumer, create_consumer

    claiming = create_consumer(_worker(redis.url), workers=1, periodic=True)
    assert isinstance(claiming, ClaimingConsumer)
    assert claiming.scheduler_class.periodic_task_seconds == CHECK_SECONDS < 60
    alone = create_consumer(SqliteHuey(filename=str(tmp_path / "q.sqlite")), workers=1)
    assert type(alone) is Consumer and alone.scheduler_class.periodic_task_seconds == 60
