"""One scaffolded plugin per test process: ``flask plugins new memo``, pip-installed once.

Generating the package and pip-installing it (building a wheel) costs ~10 s of CPU; the
scaffold tests (tests/core/test_scaffold.py) and its browser test
(tests/browser/test_scaffold_live.py) each did it. pip installs into a private ``--target``
folder (put on the ``PYTHONPATH`` of the processes that use it) instead of the shared venv, so
other test runs never see a half-installed plugin; the app still finds it the way it finds any
plugin, through the installed entry-point metadata. Tests that change the package work on a
copy of it (the package folder and the site folder are shared).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core import PROJECT_ROOT

NAME = "memo"

__all__ = ["scaffolded_plugin"]


@pytest.fixture(scope="session")
def scaffolded_plugin(tmp_path_factory) -> tuple[Path, Path]:
    """(the generated package's folder, the private site folder it is installed into)."""
    tmp = tmp_path_factory.mktemp("scaffold")
    target, site = tmp / f"ledgerline-{NAME}", tmp / "site"
    env = {
        **os.environ,
        "DATABASE_URL": "sqlite://",
        "LEDGERLINE_INSTANCE_PATH": str(tmp / "instance"),
        "LEDGERLINE_JOBS_BACKEND": "immediate",
        "PYTHONPATH": os.pathsep.join([str(site), str(PROJECT_ROOT)]),
    }
    env.pop("LEDGERLINE_PLUGINS", None)
    steps = [
        [sys.executable, "-m", "flask", "--app", "wsgi", "plugins", "new", NAME]
        + ["--dir", str(target)],
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation"]
        + ["--target", str(site), str(target)],
    ]
    for step in steps:
        proc = subprocess.run(step, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return target, site
