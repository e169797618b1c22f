"""Each error class: transient answers leave the document FAILED (to retry), permanent ones
stop at once with the reason; none of them reaches a terminal state by itself otherwise."""

import pytest

from plugins.peppol.tests.fakes import Reply, Sleep
from plugins.peppol.tests.helpers import add_provider, refused_url, transmit

TRANSIENT = ["timeout", "connection", "server_error", "rate_limited", "not_ready"]
PERMANENT = ["rejected", "unknown_participant", "validation_refused", "auth"]


@pytest.mark.parametrize("outcome", TRANSIENT)
def test_transient_mock_answers_leave_it_failed_for_a_retry(
    api, mock_account, sealed_invoice, outcome
):
    mock_account.script(outcome)
    body = transmit(api, sealed_invoice["id"]).get_json()
    assert body["state"] == "FAILED"
    assert body["error_class"] == "transient"
    assert body["next_attempt_at"] is not None
    assert [(a["outcome"], a["error_class"]) for a in body["attempts"]] == [("transient", outcome)]


@pytest.mark.parametrize("outcome", PERMANENT)
def test_permanent_mock_answers_stop_at_once(api, mock_account, sealed_invoice, outcome):
    mock_account.script(outcome)
    body = transmit(api, sealed_invoice["id"]).get_json()
    assert body["state"] == "PERMANENTLY_FAILED"
    assert body["error_class"] == outcome
    assert body["next_attempt_at"] is None
    assert mock_account.delivered == {}


HTTP_ANSWERS = [
    (Reply(500, "boom"), "FAILED", "server_error"),
    (Reply(503, "later"), "FAILED", "server_error"),
    (Reply(429, "slow down", {"Retry-After": "1"}), "FAILED", "rate_limited"),
    (Sleep(2.0), "FAILED", "timeout"),
    (Reply(400, "bad document"), "PERMANENTLY_FAILED", "rejected"),
    (Reply(401, "who are you"), "PERMANENTLY_FAILED", "auth"),
    (Reply(404, "no such receiver"), "PERMANENTLY_FAILED", "unknown_participant"),
    (Reply(422, "schema says no"), "PERMANENTLY_FAILED", "validation_refused"),
]


@pytest.mark.parametrize(("answer", "state", "error_class"), HTTP_ANSWERS)
def test_http_forward_answers_are_classified(
    api, fake_server, sealed_invoice, answer, state, error_class
):
    server = fake_server().script("POST", "/inbox", answer)
    add_provider(
        api, name="forward", type="http_forward", base_url=server.url + "/inbox", api_key="k-1"
    )
    body = transmit(api, sealed_invoice["id"]).get_json()
    assert body["state"] == state
    assert body["attempts"][0]["error_class"] == error_class
    seen = server.requests_to("POST", "/inbox")[0]
    assert seen.headers["Authorization"] == "Bearer k-1"
    assert seen.body.startswith(b"<?xml")


def test_refused_connection_is_transient(api, sealed_invoice):
    add_provider(api, name="forward", type="http_forward", base_url=refused_url())
    body = transmit(api, sealed_invoice["id"]).get_json()
    assert body["state"] == "FAILED"
    assert body["attempts"][0]["error_class"] == "connection"


def test_http_forward_success_is_sent_with_the_instance_id(api, fake_server, sealed_invoice):
    server = fake_server({("POST", "/inbox"): Reply(201, {"id": "fwd-7"})})
    add_provider(api, name="forward", type="http_forward", base_url=server.url + "/inbox")
    body = transmit(api, sealed_invoice["id"]).get_json()
    assert (body["state"], body["provider_message_id"]) == ("SENT", "fwd-7")
    seen = server.requests_to("POST", "/inbox")[0]
    assert seen.headers["X-Peppol-Instance-Id"] == body["instance_id"]
    assert seen.headers["X-Peppol-Receiver"] == "0235:1009876543"
