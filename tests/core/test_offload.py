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


CONTEXT_PROGRAM = """
from gevent import monkey
monkey.patch_all()
import threading
from flask import Flask, current_app
from core.offload import in_place, off_loop

app = Flask("offload-check")

def where():
    return current_app.name, threading.get_native_id()

def nested():
    return where(), off_loop(where)  # already off the loop: runs in place

with app.app_context():
    loop_thread = threading.get_native_id()
    (name, outer), (_, inner) = off_loop(nested)
    with in_place():  # a benchmark's baseline: the call on the loop, as before
        _, here = off_loop(where)
print(name, outer != loop_thread, inner == outer, here == loop_thread)
"""


def test_the_call_sees_the_callers_app_and_a_nested_or_in_place_call_stays_on_its_thread():
    done = subprocess.run(
        [sys.executable, "-c", CONTEXT_PROGRAM],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["offload-check", "True", "True", "True"]
