"""The shell in a real browser (Debian's Chromium) against `flask run`, as `make run` serves it:
htmx sends the CSRF token, field errors swap in, and a second open page sees the change live
over Socket.IO without reloading."""

import os
import subprocess
import sys

import pytest

from tests.support.servers import free_port, wait_for_port

pytestmark = pytest.mark.browser


@pytest.fixture
def server(app, db_url, tmp_path, make_company, make_user):
    """`flask --app wsgi run` in its own process on the test's database, with Acme's admin."""
    make_user(company=make_company())
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "LEDGERLINE_INSTANCE_PATH": str(tmp_path / "instance"),
        "LEDGERLINE_JOBS_BACKEND": "immediate",
    }
    flask = [sys.executable, "-m", "flask", "--app", "wsgi", "run", "--no-reload"]
    proc = subprocess.Popen(
        [*flask, "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _signed_in_page(browser, server):
    page = browser.new_context().new_page()
    page.goto(f"{server}/login")
    page.fill('input[name="email"]', "admin@acme.ae")
    page.fill('input[name="password"]', "correct horse")
    page.click('button[type="submit"]')
    page.wait_for_url(f"{server}/")
    return page


def test_company_edit_in_one_page_updates_another_open_page_live(browser, server):
    from playwright.sync_api import expect

    watcher = _signed_in_page(browser, server)
    watcher.goto(f"{server}/company")
    expect(watcher.locator("#ll-connection")).to_have_attribute("data-state", "online")

    editor = _signed_in_page(browser, server)
    editor.goto(f"{server}/company")
    editor.fill("#trn", "200123456700003")
    editor.click("text=Save profile")
    expect(editor.locator("#trn-error")).to_contain_text("15 digits and starts with 1")
    expect(editor).to_have_url(f"{server}/company")  # swapped in place, no navigation

    editor.fill("#trn", "100123456700003")
    editor.fill("#city", "Ras Al Khaimah")
    editor.click("text=Save profile")
    # The confirmation sits in the page's message area, outside the re-fetched form.
    expect(editor.locator("#ll-flashes")).to_contain_text("Company profile saved.")

    # The watcher never reloads: the Socket.IO event makes its profile block re-fetch.
    watcher.evaluate("window.llMarker = 'still the same page'")
    expect(watcher.locator("#company-profile")).to_contain_text("Ras Al Khaimah")
    assert watcher.evaluate("window.llMarker") == "still the same page"
