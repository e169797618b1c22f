"""GET /api/v1/payments/stats and the /payments/admin page."""

import pytest

from plugins.payments.tests.helpers import allocation, pay


@pytest.fixture
def recorded(api, invoice_for):
    inv = invoice_for("1000.00")
    pay(api, allocation(inv["id"], "100.00"), date="2026-01-10", method="cash")
    pay(api, allocation(inv["id"], "200.50"), date="2026-01-20", key="b")
    wrong = pay(api, allocation(inv["id"], "40.00"), date="2026-02-03", key="c").get_json()
    api.post(f"/api/v1/payments/{wrong['id']}/reverse")  # -40.00, dated today (November)
    return inv


def _stats(api, query=""):
    resp = api.get(f"/api/v1/payments/stats{query}")
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def test_totals_by_month_method_and_status(api, recorded):
    stats = _stats(api, "?period=month&from=2026-01-01&to=2026-03-31")
    assert stats["by_period"] == [
        {"period": "2026-01", "total": "300.50", "count": 2},
        {"period": "2026-02", "total": "40.00", "count": 1},
    ]
    whole = _stats(api)
    assert {r["method"]: r["total"] for r in whole["by_method"]} == {
        "bank_transfer": "200.50",  # 200.50 + 40.00 - 40.00
        "cash": "100.00",
    }
    assert {r["status"]: (r["total"], r["count"]) for r in whole["by_status"]} == {
        "posted": ("260.50", 3),  # two payments and the reversal record
        "reversed": ("40.00", 1),
    }
    assert whole["counts"] == {"payments": 3, "reversals": 1, "archived": 0, "refunds": {}}


def test_totals_by_day_and_archived_payments_still_count(api, recorded):
    before = _stats(api, "?period=day&to=2026-01-31")["by_period"]
    assert [r["period"] for r in before] == ["2026-01-10", "2026-01-20"]
    api.post("/api/v1/admin/archive", json={"before": "2026-02-01"})
    after = _stats(api, "?period=day&to=2026-01-31")
    assert after["by_period"] == before
    assert after["counts"]["archived"] == 2


def test_storage_used_per_table(api, recorded):
    api.post("/api/v1/admin/archive", json={"before": "2026-02-01"})
    storage = {t["table"]: t for t in _stats(api)["storage"]}
    assert storage["payments_payment"]["rows"] == 2
    assert storage["payments_payment_archive"]["rows"] == 2
    assert storage["payments_allocation_archive"]["rows"] == 2
    assert all(t["bytes"] > 0 for t in storage.values())


@pytest.mark.parametrize(
    "query",
    ["?period=week", "?from=2026-02-30", "?from=2026-03-01&to=2026-01-01"],
)
def test_bad_parameters_are_named(api, query):
    resp = api.get(f"/api/v1/payments/stats{query}")
    assert resp.status_code == 400
    assert resp.get_json()["error"]["code"] == "invalid_parameter"


def test_stats_are_for_admins_only(client, make_user, company, api_token):
    from plugins.invoicing.tests.helpers import Api

    clerk = Api(client, api_token(make_user("clerk@acme.ae", company, role="FINANCE_USER")))
    assert clerk.get("/api/v1/payments/stats").status_code == 403


def test_admin_page_shows_stats_and_runs_the_archive(client, admin, login, recorded):
    from tests.support.fixtures import csrf_token

    login()
    page = client.get("/payments/admin/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "January 2026" in html and "300.50" in html
    assert "/api/v1/admin/export" in html
    token = csrf_token(client, "/payments/admin/")
    resp = client.post(
        "/payments/admin/archive", data={"before": "2026-02-01", "csrf_token": token}
    )
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200, html[:500]
    assert "Archive job #" in html and 'data-status="completed"' in html
    assert "2 archived" in html


def test_admin_page_form_errors_are_shown(client, admin, login):
    from tests.support.fixtures import csrf_token

    login()
    token = csrf_token(client, "/payments/admin/")
    resp = client.post(
        "/payments/admin/archive", data={"before": "2999-01-01", "csrf_token": token}
    )
    assert resp.status_code == 400
    assert "must not be in the future" in resp.get_data(as_text=True)


def test_admin_page_is_refused_to_finance_users(client, make_user, company, login):
    make_user("clerk@acme.ae", company, role="FINANCE_USER")
    login("clerk@acme.ae")
    assert client.get("/payments/admin/").status_code == 403
