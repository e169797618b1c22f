"""Under gevent (gunicorn -k gevent), a password hash does not stall the process's other
requests: it runs on a real thread while the event loop keeps serving."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """
from gevent import monkey
monkey.patch_all()
import gevent
from argon2 import PasswordHasher
from core.offload import off_loop

hasher = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=1)
ticks = []

def other_requests():
    while True:
        ticks.append(1)
        gevent.sleep(0.001)

ticker = gevent.spawn(other_requests)
gevent.sleep(0.01)
before = len(ticks)
{call}
during = len(ticks) - before
ticker.kill()
print(during)
"""


def ticks_during(call: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM.format(call=call)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip())


def test_a_hash_off_the_loop_lets_other_greenlets_run_meanwhile():
    assert ticks_during("off_loop(hasher.hash, 'correct horse battery')") > 0


def test_the_same_hash_in_place_blocks_the_loop():  # what off_loop is for
    assert ticks_during("hasher.hash('correct horse battery')") == 0


def test_without_gevent_it_runs_in_place():
    from core.offload import off_loop

    assert off_loop(lambda a, b: a + b, 2, 3) == 5
