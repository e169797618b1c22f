"""Twenty concurrent transmit calls for one document create one transmission and send once."""

import json
import threading
import urllib.error
import urllib.request


def test_twenty_concurrent_transmits_send_once(
    app, api, admin, api_token, mock_account, sealed_invoice
):
    from werkzeug.serving import make_server

    secret = api_token(admin)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/api/v1/invoices/{sealed_invoice['id']}/transmit"
    start = threading.Barrier(20)
    answers = []

    def call() -> None:
        req = urllib.request.Request(
            url, data=b"", method="POST", headers={"Authorization": f"Bearer {secret}"}
        )
        start.wait()
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                answers.append((resp.status, json.loads(resp.read())))
        except urllib.error.HTTPError as exc:
            answers.append((exc.code, json.loads(exc.read())))

    threads = [threading.Thread(target=call) for _ in range(20)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(180)
    finally:
        server.shutdown()
    statuses = sorted(status for status, _ in answers)
    assert statuses == [200] * 19 + [202], answers
    assert len({body["id"] for _, body in answers}) == 1
    assert mock_account.calls == 1 and len(mock_account.delivered) == 1
    listed = api.get("/api/v1/peppol/transmissions").get_json()["data"]
    assert len(listed) == 1 and listed[0]["state"] == "SENT"
