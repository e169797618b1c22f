"""The wallet admin page: provider health, requests, and reconciliation as a job."""

from plugins.wallet.tests.anvil import ALPHA_USD
from tests.support.fixtures import csrf_token


def test_admin_page_reconciles_and_lists_differences(
    app, anvil, admin, login, wallet_api, request_for, scan
):
    req = request_for("100.00")
    anvil.pay(ALPHA_USD, req["address"], 105_000_000)
    scan()
    anvil.pay(ALPHA_USD, req["address"], 9)  # arrives after the last pass: not recorded yet
    client = login()

    page = client.get("/wallet/").get_data(as_text=True)
    assert anvil.url in page and 'data-ok="True"' in page and req["address"] in page

    token = csrf_token(client, "/wallet/")
    done = client.post("/wallet/reconcile", data={"csrf_token": token}).get_data(as_text=True)

    assert "Reconciliation job #" in done
    assert 'data-differences="1"' in done  # the balance is 9 units above the ledger
    assert "on chain 105000009, in the ledger 105000000" in done


def test_admin_page_is_for_company_admins(client, make_user, company, login, wallet_api):
    make_user("finance@acme.ae", company=company, role="FINANCE_USER")
    finance = login("finance@acme.ae")
    assert finance.get("/wallet/").status_code == 403
