"""The plugin engine as a user of it notices it: start-up refusals, enable filter, templates,
the Apps page and /api/v1/plugins.

Fixture plugins (tests/fixtures_plugins) are offered through the same entry-point group as
installed packages, next to the real installed plugins.
"""

from __future__ import annotations

import importlib.metadata as md

import pytest

from core import create_app
from core.plugins import ENTRY_POINT_GROUP, PluginError

REAL_ENTRY_POINTS = md.entry_points


def offer(monkeypatch, *names: str, as_name: dict | None = None) -> None:
    """Make ``names`` (folders of tests/fixtures_plugins) look installed."""
    as_name = as_name or {}
    fakes = [
        md.EntryPoint(as_name.get(n, n), f"tests.fixtures_plugins.{n}", ENTRY_POINT_GROUP)
        for n in names
    ]

    def entry_points(**kw):
        found = REAL_ENTRY_POINTS(**kw)
        if kw.get("group") == ENTRY_POINT_GROUP:
            return list(found) + fakes
        return found

    monkeypatch.setattr("core.plugins.md.entry_points", entry_points)


def start(app_config, **extra):
    return create_app({**app_config, **extra})


def test_missing_dependency_stops_start_up_naming_the_plugin(monkeypatch, app_config):
    offer(monkeypatch, "fx_orphan")
    with pytest.raises(PluginError) as err:
        start(app_config)
    assert str(err.value) == "plugin 'fx_orphan' depends on fx_missing, which is not installed"


def test_dependency_that_is_installed_but_not_enabled_is_named(monkeypatch, app_config):
    offer(monkeypatch, "fx_base", "fx_child")
    with pytest.raises(PluginError, match="'fx_child' depends on fx_base, which is not enabled"):
        start(app_config, PLUGINS="fx_child")


def test_cycle_stops_start_up_showing_the_cycle(monkeypatch, app_config):
    offer(monkeypatch, "fx_cycle_a", "fx_cycle_b")
    with pytest.raises(PluginError) as err:
        start(app_config)
    assert "fx_cycle_a -> fx_cycle_b -> fx_cycle_a" in str(err.value)
    assert "dependency cycle" in str(err.value)


def test_duplicate_name_stops_start_up(monkeypatch, app_config):
    offer(monkeypatch, "fx_base", "fx_twin", as_name={"fx_twin": "fx_base"})
    with pytest.raises(PluginError, match="plugin 'fx_base' is installed twice"):
        start(app_config)


def test_misspelt_hook_stops_start_up_naming_plugin_and_hook(monkeypatch, app_config):
    offer(monkeypatch, "fx_typo")
    with pytest.raises(PluginError) as err:
        start(app_config)
    assert "plugin 'fx_typo' implements an unknown hook" in str(err.value)
    assert "register_blueprint" in str(err.value)


def test_ledgerline_plugins_selects_what_is_enabled(monkeypatch, app_config):
    offer(monkeypatch, "fx_base", "fx_child")
    monkeypatch.setenv("LEDGERLINE_PLUGINS", "fx_base")
    app = start(app_config)
    plugins = app.extensions["ledgerline.plugins"]
    assert plugins.order == ["fx_base"]
    assert {"fx_base", "fx_child"} <= set(plugins.installed)
    assert plugins.pm.get_plugin("fx_child") is None


def test_unknown_name_in_ledgerline_plugins_is_refused(monkeypatch, app_config):
    monkeypatch.setenv("LEDGERLINE_PLUGINS", "no_such_plugin")
    with pytest.raises(PluginError, match="not installed: no_such_plugin"):
        start(app_config)


def test_dependencies_come_first(monkeypatch, app_config):
    offer(monkeypatch, "fx_child", "fx_base")
    order = start(app_config).extensions["ledgerline.plugins"].order
    assert order.index("fx_base") < order.index("fx_child")


def test_app_template_overrides_plugin_and_prefix_reaches_the_original(monkeypatch, app_config):
    offer(monkeypatch, "fx_base")
    app = start(app_config)
    with app.test_request_context("/"):
        env = app.jinja_env
        assert "fx_base original page" in env.get_template("fx_base/page.html").render()
        # core/apps.html exists in the app's templates/ and in fx_base: the app's wins.
        source, _, _ = app.jinja_loader.get_source(env, "core/apps.html")
        assert "fx_base's own copy" not in source
        original = env.get_template("fx_base:core/apps.html").render()
        assert "fx_base's own copy of core/apps.html" in original


def test_declared_config_defaults_fill_only_what_the_config_leaves_out(app_config):
    app = start(app_config, PEPPOL_MAX_ATTEMPTS=2)
    assert app.config["PEPPOL_MAX_ATTEMPTS"] == 2  # the app's configuration wins
    assert app.config["PEPPOL_RETRY_MAX_SECONDS"] == 3600.0
    assert app.config["WALLET_REORG_WINDOW"] == 64
    assert app.config["EINVOICE_MAX_DOCUMENT_BYTES"] == 5 * 1024 * 1024


@pytest.fixture
def app(monkeypatch, app_config):
    """The app with every real plugin, fx_base enabled and fx_child installed but disabled."""
    offer(monkeypatch, "fx_base", "fx_child")
    real = [ep.name for ep in REAL_ENTRY_POINTS(group=ENTRY_POINT_GROUP)]
    monkeypatch.setenv("LEDGERLINE_PLUGINS", ",".join(real + ["fx_base"]))
    app = create_app(app_config)
    with app.app_context():
        yield app
        app.extensions["sqlalchemy"].session.remove()
        app.extensions["sqlalchemy"].engine.dispose()


def test_apps_page_lists_enabled_and_disabled_plugins(app, client, make_company, make_user, login):
    make_user(company=make_company())
    login()
    resp = client.get("/apps")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    base = _row(html, "fx_base")
    assert "2.3.4" in base and "Enabled" in base and "register_models" in base
    assert "Not applied (head <code>0001_fx_base</code>)" in base
    child = _row(html, "fx_child")
    assert "Installed, disabled" in child and "fx_base" in child and "menu_items" in child


def test_apps_page_shows_the_branch_up_to_date_after_upgrade(
    app, client, make_company, make_user, login
):
    from flask_migrate import upgrade

    upgrade(revision="heads")
    make_user(company=make_company())
    login()
    base = _row(client.get("/apps").get_data(as_text=True), "fx_base")
    assert "Up to date (<code>0001_fx_base</code>)" in base


def test_apps_page_needs_a_login(client):
    resp = client.get("/apps")
    assert resp.status_code == 302
    assert "/login" in resp.headers["Location"]


def test_api_lists_plugins_for_a_read_token(app, client, make_company, make_user, api_token):
    token = api_token(make_user(company=make_company()), scopes="read")
    resp = client.get("/api/v1/plugins", headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 200
    rows = {p["name"]: p for p in resp.get_json()["data"]}
    assert rows["fx_base"]["enabled"] is True
    assert rows["fx_base"]["version"] == "2.3.4"
    assert rows["fx_base"]["migrations"] == {
        "branch": "fx_base",
        "head": "0001_fx_base",
        "applied": None,
        "up_to_date": False,
        "error": None,
    }
    assert rows["fx_child"]["enabled"] is False
    assert rows["fx_child"]["depends"] == ["fx_base"]
    assert rows["fx_child"]["migrations"] is None
    assert resp.get_json()["pagination"]["total"] == len(rows)


def test_api_plugins_without_credentials_is_a_json_401(client):
    resp = client.get("/api/v1/plugins")
    assert resp.status_code == 401
    assert resp.get_json()["error"]["code"] == "unauthorized"


def _row(html: str, name: str) -> str:
    start = html.index(f'id="app-{name}"')
    return html[start : html.index("</tr>", start)]


def test_models_registered_under_a_specname_are_checked_too(monkeypatch, app_config):
    offer(monkeypatch, "fx_specname")
    with pytest.raises(PluginError) as err:
        start(app_config)
    assert "plugin 'fx_specname': table 'gadget_unprefixed' must start with 'fx_specname_'" in str(
        err.value
    )


def test_plugins_call_their_own_hooks_through_core_api(app):
    from core.api import hook

    assert hook.payments_methods() is not None
    assert "pint-ae" in {p.name for batch in hook.einvoice_xml_profiles() for p in batch}
