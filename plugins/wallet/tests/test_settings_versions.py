"""The wallet settings carry a version: ETag ``"0"`` for the defaults, If-Match on PATCH (409
``stale_version`` with the settings now). Runs on SQLite and PostgreSQL."""


def test_settings_if_match_from_the_defaults_on(api, xpub):
    assert api.get("/api/v1/wallet/settings").headers["ETag"] == '"0"'
    body = {"xpub": xpub, "chain_id": 31337}
    first = api.patch("/api/v1/wallet/settings", json=body, headers={"If-Match": '"0"'})
    assert first.status_code == 200 and first.headers["ETag"] == '"1"'
    changed = api.patch("/api/v1/wallet/settings", json={"expiry_minutes": 30},
                        headers={"If-Match": '"1"'})  # fmt: skip
    assert changed.headers["ETag"] == '"2"'
    stale = api.patch("/api/v1/wallet/settings", json={"expiry_minutes": 45},
                      headers={"If-Match": '"1"'})  # fmt: skip
    assert stale.status_code == 409
    error = stale.get_json()["error"]
    assert error["code"] == "stale_version" and error["details"]["current"]["expiry_minutes"] == 30
    # Without If-Match the last write wins, as before; the same values again keep the version.
    assert (
        api.patch("/api/v1/wallet/settings", json={"expiry_minutes": 30}).headers["ETag"] == '"2"'
    )
