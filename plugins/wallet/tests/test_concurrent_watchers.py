"""Two watchers running at once record each payment once and post it once."""

import threading

from plugins.wallet.tests.anvil import ALPHA_USD


def test_two_watchers_at_once_record_once(app, anvil, wallet_api, request_for):
    from core.api import db
    from plugins.wallet import watcher

    requests = [request_for("100.00") for _ in range(3)]
    for req in requests:
        anvil.pay(ALPHA_USD, req["address"], 105_000_000)
    db.session.remove()  # the test's own session holds no transaction (SQLite's write lock)
    start = threading.Barrier(2)
    reports, errors = [], []

    def watch() -> None:
        with app.app_context():
            start.wait()
            try:
                reports.append(watcher.run())
            except Exception as exc:  # noqa: BLE001  (reported by the assertion below)
                errors.append(exc)

    threads = [threading.Thread(target=watch) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)

    assert errors == []
    assert sum(len(r.recorded) for r in reports) == 3
    assert sum(sum("posted payment" in c for c in r.changes) for r in reports) == 3
    for req in requests:
        got = wallet_api.get(f"/api/v1/wallet/payment-requests/{req['id']}").get_json()
        assert got["status"] == "Settled" and len(got["payments"]) == 1
        posted = wallet_api.get(f"/api/v1/invoices/{req['invoice_id']}/payments").get_json()
        assert len(posted["data"]) == 1


def test_two_cron_runs_of_flask_wallet_scan_at_once_record_once(
    app, anvil, db_url, tmp_path, wallet_api, request_for
):
    """Two overlapping cron runs: separate processes, as deployed."""
    import os

    from core.api import db
    from tests.support import forkserver

    requests = [request_for("100.00") for _ in range(3)]
    for req in requests:
        anvil.pay(ALPHA_USD, req["address"], 105_000_000)
    db.session.remove()
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "LEDGERLINE_INSTANCE_PATH": str(tmp_path),
        "LEDGERLINE_SECRET_KEY": app.config["SECRET_KEY"],
        "LEDGERLINE_WALLET_RPC_URLS": anvil.url,
    }
    logs = [tmp_path / f"scan-{n}.log" for n in range(2)]
    procs = [forkserver.flask(["--app", "wsgi", "wallet", "scan"], env, log) for log in logs]
    codes = [p.wait(180) for p in procs]
    outputs = [log.read_text() for log in logs]

    assert codes == [0, 0], outputs
    assert sum(out.count("recorded 0x") for out in outputs) == 3
    assert sum(out.count("posted payment") for out in outputs) == 3
    for req in requests:
        posted = wallet_api.get(f"/api/v1/invoices/{req['invoice_id']}/payments").get_json()
        assert len(posted["data"]) == 1
