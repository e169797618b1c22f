"""Provider accounts: created, listed, changed and removed; credentials encrypted at rest and
never returned."""

from plugins.invoicing.tests.helpers import raw_sql


def test_create_never_echoes_secrets_and_encrypts_them(api):
    resp = api.post(
        "/api/v1/peppol/providers",
        json={
            "name": "ts",
            "type": "tradeshift",
            "priority": 1,
            "base_url": "https://api.tradeshift.com/tradeshift",
            "api_key": "super-secret-key",
        },
    )
    assert resp.status_code == 201
    body = resp.get_json()
    assert "super-secret-key" not in resp.get_data(as_text=True)
    assert body["has_credentials"] is True and "api_key" not in body
    stored = raw_sql("SELECT credentials_encrypted FROM peppol_provider").scalar()
    assert stored and "super-secret-key" not in stored
    listed = api.get("/api/v1/peppol/providers").get_data(as_text=True)
    assert "super-secret-key" not in listed and "credentials" not in listed.replace(
        "has_credentials", ""
    )


def test_patch_and_delete(api):
    pid = api.post("/api/v1/peppol/providers", json={"name": "m", "type": "mock"}).get_json()["id"]
    changed = api.patch(f"/api/v1/peppol/providers/{pid}", json={"priority": 5, "enabled": False})
    assert changed.status_code == 200
    assert (changed.get_json()["priority"], changed.get_json()["enabled"]) == (5, False)
    assert api.delete(f"/api/v1/peppol/providers/{pid}").status_code == 204
    assert api.get(f"/api/v1/peppol/providers/{pid}").status_code == 404


def test_bad_input_is_a_json_error(api):
    typed = api.post(
        "/api/v1/peppol/providers", json={"name": "m", "type": "mock", "priority": "x"}
    )
    assert typed.status_code == 422 and "priority" in typed.get_json()["error"]["details"]["fields"]
    resp = api.post("/api/v1/peppol/providers", json={"name": "", "type": "carrier-pigeon"})
    assert resp.status_code == 422
    assert set(resp.get_json()["error"]["details"]["fields"]) == {"name", "type"}
    api.post("/api/v1/peppol/providers", json={"name": "dup", "type": "mock"})
    again = api.post("/api/v1/peppol/providers", json={"name": "dup", "type": "mock"})
    assert again.status_code == 409
    no_url = api.post("/api/v1/peppol/providers", json={"name": "f", "type": "http_forward"})
    assert (
        no_url.status_code == 422 and "base_url" in no_url.get_json()["error"]["details"]["fields"]
    )


def test_other_companies_cannot_see_accounts(api, client, make_company, make_user, api_token):
    from plugins.invoicing.tests.helpers import Api

    pid = api.post("/api/v1/peppol/providers", json={"name": "m", "type": "mock"}).get_json()["id"]
    other = make_company(name="Globex", trn="100111222300003")
    outsider = Api(client, api_token(make_user(email="x@globex.ae", company=other)))
    assert outsider.get(f"/api/v1/peppol/providers/{pid}").status_code == 404
    assert outsider.get("/api/v1/peppol/providers").get_json()["data"] == []


def test_demo_seed_is_idempotent(app, company):
    from sqlalchemy import func, select

    from core.api import db
    from plugins.peppol.demo import seed
    from plugins.peppol.models import ProviderAccount

    assert seed(company) is True
    assert seed(company) is False
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(ProviderAccount)) == 1


def test_internal_urls_are_refused_unless_allowed(app, api):
    app.config["PEPPOL_ALLOW_PRIVATE_URLS"] = False
    for url in (
        "http://127.0.0.1:5432/",
        "http://10.0.0.8/in",
        "http://[::1]/",
        "http://169.254.169.254/",
    ):
        resp = api.post(
            "/api/v1/peppol/providers", json={"name": url, "type": "http_forward", "base_url": url}
        )
        assert resp.status_code == 422, url
        assert "private or local" in resp.get_json()["error"]["details"]["fields"]["base_url"]
        hook = api.post("/api/v1/peppol/webhooks", json={"url": url})
        assert hook.status_code == 422 and "url" in hook.get_json()["error"]["details"]["fields"]
    ok = api.post(
        "/api/v1/peppol/providers",
        json={"name": "pub", "type": "http_forward", "base_url": "https://93.184.215.14/in"},
    )
    assert ok.status_code == 201


def test_numeric_settings_keep_their_digits(api):
    """A settings number is stored as written, never rounded through a binary float, and is
    answered as the API writes every exact number: a string of its digits."""
    body = (
        '{"name": "m", "type": "mock",'
        ' "settings": {"ceiling": 9876543210987654.32, "share": 0.30, "tenant_id": "t-1"}}'
    )
    created = api.client.post(
        "/api/v1/peppol/providers",
        data=body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.token}"},
    )
    assert created.status_code == 201
    stored = raw_sql("SELECT CAST(settings AS TEXT) FROM peppol_provider").scalar()
    assert "9876543210987654.32" in stored and "0.30" in stored
    read = api.get(f"/api/v1/peppol/providers/{created.get_json()['id']}").get_json()
    expected = {"ceiling": "9876543210987654.32", "share": "0.30", "tenant_id": "t-1"}
    assert read["settings"] == expected
