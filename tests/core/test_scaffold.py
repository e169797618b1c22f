"""``flask plugins new``: generate a plugin, pip-install it, and use it in a fresh app.

pip installs the package into a private ``--target`` folder (tests/support/scaffolded.py, put
on PYTHONPATH of the child processes) instead of the shared venv, so other test runs never see a
half-installed plugin; the app still finds it the way it finds any plugin, through the installed
entry-point metadata.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import tomllib

import pytest
from sqlalchemy import create_engine, inspect

from core import PROJECT_ROOT
from core.scaffold import ScaffoldError, validate_name

NAME = "memo"
PROBE = PROJECT_ROOT / "tests" / "fixtures_plugins" / "probe_scaffolded.py"


@pytest.fixture
def installed(scaffolded_plugin):
    """``flask plugins new memo``, pip-installed into a private folder (once per process:
    tests/support/scaffolded.py)."""
    return scaffolded_plugin


def run(args, db_url, site, tmp_path, check=True, extra_env=None):
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "LEDGERLINE_INSTANCE_PATH": str(tmp_path / "instance"),
        "PYTHONPATH": os.pathsep.join([str(site), str(PROJECT_ROOT)]),
        "LEDGERLINE_JOBS_BACKEND": "immediate",
        **(extra_env or {}),
    }
    env.pop("LEDGERLINE_PLUGINS", None)
    proc = subprocess.run(args, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    if check:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def flask(*args):
    return [sys.executable, "-m", "flask", "--app", "wsgi", *args]


def tables(db_url) -> set[str]:
    engine = create_engine(db_url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_generated_package_has_every_part(installed):
    target, site = installed
    package = target / f"ledgerline_{NAME}"
    for part in ("__init__.py", "models.py", "views.py", "events.py", "permissions.py"):
        assert (package / part).is_file(), part
    assert (package / "migrations/versions/0001_memo_initial.py").is_file()
    assert (package / "templates/memo/index.html").is_file()
    assert (target / "tests/test_memo.py").is_file()
    assert "memo = ledgerline_memo" in (target / "setup.cfg").read_text()
    # The wheel pip built carries the entry point, templates and migrations.
    entry_points = next(site.glob("*.dist-info")) / "entry_points.txt"
    assert "[ledgerline.plugins]\nmemo = ledgerline_memo" in entry_points.read_text()
    assert (site / "ledgerline_memo/migrations/versions/0001_memo_initial.py").is_file()


def test_installed_plugin_is_enabled_served_migrated_and_removable(installed, db_url, tmp_path):
    _, site = installed
    before = tables(db_url)
    assert "memo_note" not in before

    run(flask("db", "upgrade", "heads"), db_url, site, tmp_path)
    assert "memo_note" in tables(db_url)
    listing = run(flask("plugins", "list"), db_url, site, tmp_path).stdout
    assert "memo" in listing and "enabled" in listing

    probe = json.loads(run([sys.executable, str(PROBE), NAME], db_url, site, tmp_path).stdout)
    row = probe["apps_row"]
    assert "Enabled" in row and "0.1.0" in row and "Up to date (<code>0001_memo</code>)" in row
    assert "register_socketio_namespaces" in row
    assert probe["page_status"] == 200
    assert "hello from the probe" in probe["page_html"]
    assert probe["htmx_post_status"] == 200
    assert "<html" not in probe["htmx_post_html"]  # HTMX gets the list block only
    assert 'id="memo-notes"' in probe["htmx_post_html"]
    assert probe["ack"] == {"ok": True}
    pongs = [m for m in probe["received"] if m["name"] == "memo_pong"]
    assert pongs and pongs[0]["args"][0] == {"from": "probe@probe.ae", "message": "marco"}

    run(flask("db", "downgrade", "memo@base"), db_url, site, tmp_path)
    assert tables(db_url) == before  # only the plugin's table is gone


def test_generated_plugin_tests_pass(installed, tmp_path):
    target, site = installed
    proc = run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(target / "tests")],
        "sqlite://",
        site,
        tmp_path,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "3 passed" in proc.stdout


@pytest.mark.parametrize(
    "name, message",
    [
        ("Memo", "not a valid plugin name"),
        ("9lives", "not a valid plugin name"),
        ("my-plugin", "not a valid plugin name"),
        ("class", "is a Python keyword"),
        ("match", "is a Python keyword"),
        ("core", "reserved by Ledgerline core"),
        ("memo", "already installed"),
    ],
)
def test_bad_names_are_refused_with_a_reason(name, message):
    with pytest.raises(ScaffoldError, match=message):
        validate_name(name, taken={"memo"})


def test_cli_refuses_a_taken_name_and_a_non_empty_directory(app, tmp_path):
    runner = app.test_cli_runner()
    installed = next(iter(app.extensions["ledgerline.plugins"].installed), None)
    if installed:
        taken = runner.invoke(args=["plugins", "new", installed, "--dir", str(tmp_path / "x")])
        assert taken.exit_code == 1 and "already installed" in taken.output
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "file.txt").write_text("mine")
    busy = runner.invoke(args=["plugins", "new", "fresh", "--dir", str(tmp_path / "busy")])
    assert busy.exit_code == 1
    assert "already exists and is not empty" in busy.output
    assert (tmp_path / "busy" / "file.txt").read_text() == "mine"


def test_generated_files_pass_the_projects_ruff_settings(installed):
    target, _ = installed
    ruff = PROJECT_ROOT / ".venv" / "bin" / "ruff"
    ruff = str(ruff) if ruff.exists() else "ruff"
    for args in (["check", "."], ["format", "--check", "."]):
        proc = subprocess.run([ruff, *args], cwd=target, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    generated = tomllib.loads((target / "pyproject.toml").read_text())["tool"]["ruff"]
    ours = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["tool"]["ruff"]
    assert generated["line-length"] == ours["line-length"]
    assert generated["lint"]["select"] == ours["lint"]["select"]
    assert generated["lint"]["ignore"] == ours["lint"]["ignore"]


def test_generated_code_imports_only_core_api_from_ledgerline(installed):
    target, _ = installed
    imported = set()
    for path in target.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
    from_core = {name for name in imported if name == "core" or name.startswith("core.")}
    assert from_core == {"core.api"}


def test_autogenerate_writes_the_revision_into_the_plugin_source(installed, db_url, tmp_path):
    """The documented step: the new revision lands in the package's migrations/versions/."""
    target, site = installed
    source = tmp_path / "source"
    shutil.copytree(target, source)
    models = source / f"ledgerline_{NAME}" / "models.py"
    models.write_text(
        models.read_text().replace(
            "    author:", "    due: Mapped[str | None] = mapped_column(String(10))\n    author:", 1
        )
    )
    # The source folder first on the path: what `pip install -e` gives a plugin author.
    editable = os.pathsep.join([str(source), str(site)])
    run(flask("db", "upgrade", "heads"), db_url, editable, tmp_path)
    env_prefix = {"LEDGERLINE_MIGRATE_PREFIX": f"{NAME}_"}
    args = ["db", "revision", "--autogenerate", "--head", f"{NAME}@head", "-m", "add due"]
    run(flask(*args), db_url, editable, tmp_path, extra_env=env_prefix)
    new = sorted((source / f"ledgerline_{NAME}/migrations/versions").glob("*add_due*.py"))
    assert len(new) == 1
    assert "add_column" in new[0].read_text() and "'due'" in new[0].read_text()
