"""In a real browser: a plugin written as docs/plugins.md says (the scaffold's output) gets live
updates. Its page, open in one browser, shows a note a colleague adds in another, no reload."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from playwright.sync_api import Browser, Page, expect

from core import PROJECT_ROOT
from tests.browser.server import AppServer, seed
from tests.browser.test_live import sign_in

pytestmark = pytest.mark.browser
NAME = "memo"


def migrate_with_plugin(site, tmp_path, db_url) -> dict:
    """Migrate the test's database with the plugin installed (tests/support/scaffolded.py);
    returns the env the server needs to find it."""
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "LEDGERLINE_INSTANCE_PATH": str(tmp_path),
        "PYTHONPATH": os.pathsep.join([str(site), str(PROJECT_ROOT)]),
    }
    env.pop("LEDGERLINE_PLUGINS", None)
    upgrade = [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade", "heads"]
    proc = subprocess.run(upgrade, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return {"PYTHONPATH": env["PYTHONPATH"]}


@pytest.fixture
def live(app, db_url, tmp_path, make_company, make_user, api_token, scaffolded_plugin):
    facts = seed(app, make_company, make_user, api_token)
    _, site = scaffolded_plugin
    server = AppServer(db_url, tmp_path, env=migrate_with_plugin(site, tmp_path, db_url))
    yield server, facts
    server.stop()


def _live_refetch(response) -> bool:
    request = response.request
    return request.method == "GET" and request.url.endswith(f"/{NAME}/")


def test_the_scaffolded_page_shows_a_colleagues_note_without_reloading(
    page: Page, browser: Browser, live
):
    server, facts = live
    sign_in(page, server.url, facts["admin"])
    page.goto(server.url + f"/{NAME}/")
    expect(page.locator("#ll-connection")).to_have_attribute("data-state", "online")
    page.evaluate("window.__notReloaded = true")
    notes = page.locator(f"#{NAME}-notes")
    expect(notes).to_contain_text("No notes yet.")

    colleague = browser.new_page()
    try:
        sign_in(colleague, server.url, facts["colleague"])
        colleague.goto(server.url + f"/{NAME}/")
        colleague.get_by_label("New note").fill("Call the auditor")
        # The colleague's own page hears the note's live event too and re-fetches its list:
        # the confirmation must survive that re-fetch, not flash and vanish.
        with colleague.expect_response(_live_refetch) as refetch:
            colleague.get_by_role("button", name="Add note").click()
        refetch.value.finished()
        colleague.wait_for_timeout(1000)  # the event heard during the POST re-fetches once more
        expect(colleague.get_by_role("status")).to_have_text("Note added.")
        expect(colleague.locator(f"#{NAME}-notes")).to_contain_text("Call the auditor")
    finally:
        colleague.close()

    expect(notes).to_contain_text("Call the auditor")
    assert page.evaluate("window.__notReloaded") is True
