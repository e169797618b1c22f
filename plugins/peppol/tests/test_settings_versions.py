"""The Peppol settings carry a version: ETag on GET, If-Match on PATCH (409 ``stale_version``
with the settings now), and the inbox schedule form refuses a stale save with core's merge
page. Runs on SQLite and PostgreSQL."""

import json
import re


def test_settings_if_match(api):
    tag = api.get("/api/v1/peppol/settings").headers["ETag"]
    assert tag == '"1"'
    ok = api.patch(
        "/api/v1/peppol/settings", json={"inbox_time": "06:30"}, headers={"If-Match": tag}
    )
    assert ok.status_code == 200 and ok.headers["ETag"] == '"2"'
    stale = api.patch(
        "/api/v1/peppol/settings", json={"inbox_time": "07:00"}, headers={"If-Match": tag}
    )
    assert stale.status_code == 409
    error = stale.get_json()["error"]
    assert error["code"] == "stale_version" and error["details"]["current"]["inbox_time"] == "06:30"
    # The same values again change nothing: the version stays.
    same = api.patch("/api/v1/peppol/settings", json={"inbox_time": "06:30"})
    assert same.headers["ETag"] == '"2"'


def test_schedule_form_refuses_a_stale_save_with_the_merge_page(api, login):
    browser = login()
    page = browser.get("/peppol/inbox").get_data(as_text=True)
    assert 'name="_version" value="1"' in page and "data-edit-watch" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    original = {"inbox_enabled": "on", "inbox_time": "02:00", "timezone": "Asia/Dubai"}
    api.patch("/api/v1/peppol/settings", json={"timezone": "Europe/Brussels"})  # a colleague
    form = {"csrf_token": token, "_version": "1", "_original": json.dumps(original)}
    refused = browser.post("/peppol/inbox/settings", data=form | original | {"inbox_time": "05:00"})
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert 'data-change="timezone"' in html and 'data-change="inbox_time"' in html
    assert api.get("/api/v1/peppol/settings").get_json()["inbox_time"] == "02:00"

    mine = json.dumps(original | {"inbox_time": "05:00"})
    theirs = json.dumps(original | {"timezone": "Europe/Brussels"})
    merge = {"csrf_token": token, "_merge": "1", "_version": "2", "_mine": mine, "_theirs": theirs}
    done = browser.post("/peppol/inbox/settings", data=merge | {"take:inbox_time": "mine"})
    assert done.status_code == 303
    now = api.get("/api/v1/peppol/settings").get_json()
    assert (now["inbox_time"], now["timezone"]) == ("05:00", "Europe/Brussels")

    # A refused schedule loses nothing saved and says why on the inbox page.
    bad = {"csrf_token": token, "inbox_enabled": "on", "inbox_time": "25:00"}
    refused = browser.post("/peppol/inbox/settings", data=bad | {"timezone": "Asia/Dubai"})
    assert refused.status_code == 303
    inbox = browser.get(refused.headers["Location"]).get_data(as_text=True)
    assert "inbox_time is HH:MM (24 h)." in inbox
    assert api.get("/api/v1/peppol/settings").get_json()["inbox_time"] == "05:00"
