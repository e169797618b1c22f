"""Under gevent (gunicorn -k gevent) the official validation (Saxon) does not stall the
process's other requests and sockets: it runs on a real thread while the event loop serves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from plugins.einvoice.tests.official import EXAMPLES

ROOT = Path(__file__).resolve().parents[3]

PROGRAM = """
from gevent import monkey
monkey.patch_all()
import sys
import gevent
from plugins.einvoice.public import validate
from plugins.einvoice.validator import _validate

xml = open(sys.argv[1], "rb").read()
validate(xml, "pint-ae")  # compile the rules first: what is measured is one validation
ticks = []

def other_requests():
    while True:
        ticks.append(1)
        gevent.sleep(0)

def ticks_during(call):
    ticker = gevent.spawn(other_requests)
    gevent.sleep(0.01)
    before = len(ticks)
    report = call(xml, "pint-ae")
    during = len(ticks) - before
    ticker.kill()
    assert report.valid, report.errors
    return during

print(ticks_during(_validate), ticks_during(validate))
"""


def test_validation_runs_off_the_event_loop_so_other_greenlets_run_meanwhile():
    example = next(p for p in EXAMPLES if p.name == "pint-ae-2025.11_Standard-tax-invoice.xml")
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(example)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    in_place, off_loop = (int(n) for n in done.stdout.split())
    assert in_place == 0  # what off_loop is for: in place, nothing else runs meanwhile
    assert off_loop > 0
