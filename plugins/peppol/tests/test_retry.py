"""Retries run as jobs with backoff and reuse the SBDH instance id; they give up after
PEPPOL_MAX_ATTEMPTS rounds."""

from plugins.peppol.tests.helpers import run_job, transmit


def test_retry_then_success_reuses_the_instance_id(api, app, company, mock_account, sealed_invoice):
    app.config["PEPPOL_CIRCUIT_THRESHOLD"] = 10  # this test is about retries, not the breaker
    mock_account.script("timeout", "server_error")
    first = transmit(api, sealed_invoice["id"]).get_json()
    assert first["state"] == "FAILED"
    run_job("peppol.retry_due", company.id)  # backoff base is 0 in the tests: due now
    second = api.get(f"/api/v1/peppol/transmissions/{first['id']}").get_json()
    assert second["state"] == "FAILED" and second["attempt_count"] == 2
    run_job("peppol.retry_due", company.id)
    done = api.get(f"/api/v1/peppol/transmissions/{first['id']}").get_json()
    assert done["state"] == "SENT"
    assert [a["outcome"] for a in done["attempts"]] == ["transient", "transient", "ok"]
    assert {a["instance_id"] for a in done["attempts"]} == {first["instance_id"]}
    assert list(mock_account.delivered) == [first["instance_id"]]


def test_retry_exhaustion_gives_up_for_good(api, app, company, mock_account, sealed_invoice):
    app.config["PEPPOL_CIRCUIT_THRESHOLD"] = 10
    mock_account.script("server_error", "server_error", "server_error", "ok")
    tid = transmit(api, sealed_invoice["id"]).get_json()["id"]
    run_job("peppol.retry_due", company.id)
    run_job("peppol.retry_due", company.id)  # third round: PEPPOL_MAX_ATTEMPTS = 3
    body = api.get(f"/api/v1/peppol/transmissions/{tid}").get_json()
    assert body["state"] == "PERMANENTLY_FAILED"
    assert body["error_class"] == "retries_exhausted"
    assert len(body["attempts"]) == 3
    run_job("peppol.retry_due", company.id)  # nothing left to retry
    assert (
        api.get(f"/api/v1/peppol/transmissions/{tid}").get_json()["state"] == "PERMANENTLY_FAILED"
    )
    assert mock_account.delivered == {}


def test_not_yet_due_is_not_retried(api, app, company, mock_account, sealed_invoice):
    app.config["PEPPOL_RETRY_BASE_SECONDS"] = 3600
    mock_account.script("not_ready")
    tid = transmit(api, sealed_invoice["id"]).get_json()["id"]
    run_job("peppol.retry_due", company.id)
    body = api.get(f"/api/v1/peppol/transmissions/{tid}").get_json()
    assert (body["state"], body["attempt_count"]) == ("FAILED", 1)


def test_a_permanently_failed_document_can_be_sent_again(api, mock_account, sealed_invoice):
    mock_account.script("rejected")
    first = transmit(api, sealed_invoice["id"]).get_json()
    assert first["state"] == "PERMANENTLY_FAILED"
    second = transmit(api, sealed_invoice["id"])
    assert second.status_code == 202
    assert second.get_json()["id"] != first["id"] and second.get_json()["state"] == "SENT"


def test_the_api_retry_sends_a_failed_document_now(api, app, mock_account, sealed_invoice):
    """POST .../retry: the next round runs now, not after the backoff, under the same SBDH
    instance id; only a FAILED transmission is retried."""
    app.config["PEPPOL_RETRY_BASE_SECONDS"] = 3600  # the backoff alone would wait an hour
    mock_account.script("not_ready")
    first = transmit(api, sealed_invoice["id"]).get_json()
    assert first["state"] == "FAILED"
    path = f"/api/v1/peppol/transmissions/{first['id']}/retry"
    resp = api.post(path)
    assert resp.status_code == 200, resp.get_json()
    done = resp.get_json()
    assert (done["id"], done["state"]) == (first["id"], "SENT")
    assert [a["outcome"] for a in done["attempts"]] == ["transient", "ok"]
    assert {a["instance_id"] for a in done["attempts"]} == {first["instance_id"]}
    assert list(mock_account.delivered) == [first["instance_id"]]
    again = api.post(path)
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "not_failed"
    assert len(mock_account.delivered) == 1


def test_a_round_a_dead_worker_left_sending_fails_in_the_companys_language(
    api, app, company, mock_account, sealed_invoice
):
    """A round left in SENDING (its worker died) is failed and due now; its error is written
    in the company's language, as a job's messages are."""
    from datetime import timedelta

    from core.api import db, utcnow
    from plugins.peppol.models import Transmission
    from plugins.peppol.stale import recover_stale_rounds

    mock_account.script("not_ready")
    tid = transmit(api, sealed_invoice["id"]).get_json()["id"]
    said = {"en": "worker stopped while sending", "ar": "توقف العامل أثناء الإرسال"}
    for locale, words in said.items():
        company.locale = locale
        row = db.session.get(Transmission, tid)
        row.state, row.updated_at = "SENDING", utcnow() - timedelta(minutes=16)
        row.error_class = None  # as in a first round
        db.session.commit()
        assert recover_stale_rounds(utcnow()) == 1
        body = api.get(f"/api/v1/peppol/transmissions/{tid}").get_json()
        assert (body["state"], body["last_error"]) == ("FAILED", words)
        assert body["error_class"] == "transient"  # retried, as a failed round is
    row = db.session.get(Transmission, tid)
    row.state, row.updated_at = "SENDING", utcnow() - timedelta(minutes=14)
    db.session.commit()
    assert recover_stale_rounds(utcnow()) == 0  # still within its round: left alone
