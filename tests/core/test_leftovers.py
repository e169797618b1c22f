"""The end-of-session check sees a server a test forgot, and stops it."""

import subprocess
import sys

from tests.support.leftovers import descendants, processes_left_behind


def test_a_forgotten_process_is_found_and_killed():
    forgotten = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        assert forgotten.pid in descendants()
        left = processes_left_behind(grace=0.5)
        assert any(line.startswith(f"{forgotten.pid}: ") for line in left)
        assert forgotten.wait(10) == -9
        assert forgotten.pid not in descendants()
    finally:
        if forgotten.poll() is None:
            forgotten.kill()
            forgotten.wait()
