"""Webhook notifications: Slack-compatible bodies, HMAC-SHA256 signatures over
"<t>.<body>", retried with backoff, and a delivery log."""

import json
import time

from plugins.peppol import signature
from plugins.peppol.tests.fakes import Reply
from plugins.peppol.tests.helpers import run_job, transmit


def _hook(api, url, events=None):
    body = {"url": url, **({"events": events} if events else {})}
    resp = api.post("/api/v1/peppol/webhooks", json=body)
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def test_transmission_failure_is_posted_signed(api, fake_server, mock_account, sealed_invoice):
    receiver = fake_server({("POST", "/hook"): Reply(200, "ok")})
    hook = _hook(api, receiver.url + "/hook", ["transmission.failed"])
    assert hook["secret"].startswith("whsec_")
    assert "secret" not in api.get("/api/v1/peppol/webhooks").get_json()["data"][0]
    mock_account.script("validation_refused")
    transmit(api, sealed_invoice["id"])
    (seen,) = receiver.requests_to("POST", "/hook")
    header = seen.headers[signature.HEADER]
    assert signature.verify(header, seen.body, hook["secret"])
    assert not signature.verify(header, seen.body + b" ", hook["secret"])
    assert not signature.verify(header, seen.body, "whsec_other")
    payload = json.loads(seen.body)
    assert payload["event"] == "transmission.failed"
    assert "validation_refused" in payload["text"]  # Slack shows "text"
    log = api.get(f"/api/v1/peppol/webhooks/{hook['id']}/deliveries").get_json()["data"]
    assert [(d["status"], d["attempts"], d["last_status_code"]) for d in log] == [
        ("delivered", 1, 200)
    ]


def test_signature_tolerance_and_rotation():
    body = b'{"text": "hi"}'
    now = int(time.time())
    old = signature.sign("s1", body, now - 301)
    assert not signature.verify(old, body, "s1")
    fresh = signature.sign("s1", body, now)
    assert signature.verify(fresh, body, ["s0", "s1"])  # during a secret rotation
    both = f"{fresh},v1={signature.sign('s2', body, now).split('v1=')[1]}"
    assert signature.verify(both, body, "s2")
    assert not signature.verify("t=abc,v1=00", body, "s1")
    assert not signature.verify("", body, "s1")


def test_failed_deliveries_are_retried_with_backoff(
    api, company, fake_server, mock_account, sealed_invoice
):
    receiver = fake_server({("POST", "/hook"): Reply(200, "ok")})
    receiver.script("POST", "/hook", Reply(500, "busy"))
    hook = _hook(api, receiver.url + "/hook")
    mock_account.script("rejected")
    transmit(api, sealed_invoice["id"])
    log = api.get(f"/api/v1/peppol/webhooks/{hook['id']}/deliveries").get_json()["data"]
    assert [(d["status"], d["attempts"], d["last_status_code"]) for d in log] == [
        ("pending", 1, 500)
    ]
    run_job("peppol.retry_due", company.id)  # backoff base is 0 in the tests
    log = api.get(f"/api/v1/peppol/webhooks/{hook['id']}/deliveries").get_json()["data"]
    assert [(d["status"], d["attempts"]) for d in log] == [("delivered", 2)]
    bodies = [s.body for s in receiver.requests_to("POST", "/hook")]
    assert bodies[0] == bodies[1]


def test_inbox_job_outcome_is_announced(api, fake_server, mock_account):
    receiver = fake_server({("POST", "/hook"): Reply(204)})
    _hook(api, receiver.url + "/hook", ["job.succeeded", "job.failed"])
    api.post("/api/v1/peppol/inbox/fetch")
    (seen,) = receiver.requests_to("POST", "/hook")
    assert json.loads(seen.body)["event"] == "job.succeeded"


def test_bad_webhook_input_is_refused(api):
    resp = api.post("/api/v1/peppol/webhooks", json={"url": "ftp://x", "events": ["nope"]})
    assert resp.status_code == 422
    # Core checks the body's shape first (an unknown event), then the service its rules.
    assert set(resp.get_json()["error"]["details"]["fields"]) == {"events[0]"}
    resp = api.post("/api/v1/peppol/webhooks", json={"url": "ftp://x", "events": ["job.failed"]})
    assert resp.status_code == 422
    assert set(resp.get_json()["error"]["details"]["fields"]) == {"url"}
