"""The app shell: navigation, user box, flash messages, HTMX fragments."""

import pytest
from markupsafe import Markup

from core.api import MenuItem, Widget, hookimpl


class ReportsPlugin:
    """A plugin contributing a menu item and a dashboard widget through the real hooks."""

    @hookimpl
    def menu_items(self, actor):
        return [MenuItem("Reports", "shelltest_reports", 500, permission="core.users.manage")]

    @hookimpl
    def dashboard_widgets(self, actor):
        return [Widget("Open invoices", Markup("<p class='kpi'>AED 1,250.00</p>"))]


@pytest.fixture
def reports_plugin(app):
    app.add_url_rule("/reports", "shelltest_reports", lambda: "reports")
    app.extensions["ledgerline.plugins"].pm.register(ReportsPlugin(), name="shelltest")


@pytest.fixture
def admin(make_company, make_user, login):
    company = make_company()
    make_user(company=company)
    return login()


def test_navigation_lists_core_and_plugin_menu_items(app, reports_plugin, admin):
    html = admin.get("/").get_data(as_text=True)
    for label, href in (("Dashboard", "/"), ("Reports", "/reports"), ("Company", "/company")):
        assert f'href="{href}"' in html and f">{label}</a>" in html
    assert html.index(">Reports</a>") < html.index(">Company</a>")  # ordered by MenuItem.order
    assert 'aria-current="page">Dashboard' in html


def test_menu_item_needing_a_permission_is_hidden_from_roles_without_it(
    app, reports_plugin, make_company, make_user, login
):
    make_user("clerk@acme.ae", company=make_company(), role="FINANCE_USER")
    html = login("clerk@acme.ae").get("/").get_data(as_text=True)
    assert ">Reports</a>" not in html  # FINANCE_USER does not hold core.users.manage
    assert ">Dashboard</a>" in html and ">Company</a>" in html
    assert "Finance user" in html


def test_dashboard_welcomes_the_company_and_shows_plugin_widgets(app, reports_plugin, admin):
    html = admin.get("/").get_data(as_text=True)
    assert "Welcome to Acme Trading LLC" in html
    assert "<strong>Open invoices</strong>" in html
    assert "<p class='kpi'>AED 1,250.00</p>" in html


def test_header_shows_user_role_account_link_logout_and_live_indicator(app, admin):
    html = admin.get("/").get_data(as_text=True)
    assert '<a href="/account"' in html and "admin@acme.ae" in html
    assert "Company admin" in html
    assert 'action="/logout"' in html and 'name="csrf_token"' in html
    assert 'id="ll-connection"' in html
    assert 'name="csrf-token" content="' in html
    for script in (
        "vendor/htmx.min.js",
        "vendor/socket.io.min.js",
        "core/app.js",
        "core/live_fragments.js",
        "core/live_forms.js",
        "core/realtime.js",
    ):
        assert f'src="/static/{script}"' in html


def test_signed_out_pages_do_not_load_the_realtime_client(app, client):
    html = client.get("/login").get_data(as_text=True)
    assert "core/realtime.js" not in html and "core/live_fragments.js" not in html
    assert "core/live_forms.js" not in html
    assert 'id="ll-connection"' not in html


def test_logout_shows_a_flash_message_on_the_next_page(app, admin):
    from tests.support.fixtures import csrf_token

    resp = admin.post("/logout", data={"csrf_token": csrf_token(admin, "/")})
    assert resp.status_code == 302
    html = admin.get(resp.headers["Location"]).get_data(as_text=True)
    assert 'class="ll-flash ll-flash-info"' in html and "You are signed out." in html
    # shown once only
    assert "You are signed out." not in admin.get("/login").get_data(as_text=True)


def test_htmx_request_gets_only_the_block_normal_request_the_full_page(app, admin):
    full = admin.get("/company")
    assert full.status_code == 200
    assert "HX-Request" in full.headers["Vary"]
    assert full.get_data(as_text=True).lstrip().lower().startswith("<!doctype html>")

    part = admin.get("/company", headers={"HX-Request": "true"})
    body = part.get_data(as_text=True)
    assert part.status_code == 200
    assert "HX-Request" in part.headers["Vary"]
    assert "<html" not in body and "<nav" not in body
    assert 'id="company-profile"' in body and "100123456700003" in body


def test_static_shell_assets_are_served(app, client):
    for path in ("/static/core/app.css", "/static/core/app.js", "/static/vendor/pico.min.css"):
        assert client.get(path).status_code == 200, path


def test_form_fields_without_help_text_have_no_dangling_aria_reference(
    app, client, make_company, make_user, login
):
    make_user(company=make_company())
    login()
    html = client.get("/company/edit").get_data(as_text=True)
    assert 'aria-describedby="None"' not in html
    assert 'name="name"' in html
