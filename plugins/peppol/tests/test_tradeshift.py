"""The tradeshift adapter against a fake Tradeshift API on a free port (real HTTP)."""

import pytest

from plugins.peppol.tests.documents import example
from plugins.peppol.tests.fake_tradeshift import CREDENTIALS, TENANT, FakeTradeshift
from plugins.peppol.tests.fakes import Reply
from plugins.peppol.tests.helpers import add_provider, transmit


@pytest.fixture
def tradeshift(api, fake_server):
    fake = FakeTradeshift(fake_server)
    add_provider(
        api,
        name="tradeshift",
        type="tradeshift",
        base_url=fake.base_url,
        settings={"tenant_id": TENANT},
        **CREDENTIALS,
    )
    return fake


def test_send_is_signed_and_dispatched_once(api, tradeshift, sealed_invoice):
    body = transmit(api, sealed_invoice["id"]).get_json()
    assert (body["state"], body["provider"]) == ("SENT", "tradeshift")
    assert list(tradeshift.dispatched) == [body["instance_id"]]
    assert tradeshift.dispatched[body["instance_id"]].startswith(b"<?xml")
    refreshed = api.post(f"/api/v1/peppol/transmissions/{body['id']}/refresh").get_json()
    assert refreshed["state"] == "DELIVERED"
    tradeshift.states[body["instance_id"]] = "REJECTED_BY_RECEIVER"
    rejected = api.post(f"/api/v1/peppol/transmissions/{body['id']}/refresh").get_json()
    assert (rejected["state"], rejected["mls"]["code"]) == ("REJECTED", "RE")


def test_a_retry_does_not_dispatch_twice(api, company, tradeshift, sealed_invoice):
    # The first dispatch lands but its answer is lost (a 504 from a proxy): the retry finds
    # it through dispatches/latest instead of dispatching the same document again.
    tradeshift.server.script("POST", "/tradeshift/rest/external/documents/dispatcher")
    original = tradeshift._dispatch

    def lands_then_fails(seen):
        original(seen)
        return Reply(504, "gateway timeout")

    tradeshift.server.routes[("POST", "/tradeshift/rest/external/documents/dispatcher")] = (
        lands_then_fails
    )
    first = transmit(api, sealed_invoice["id"]).get_json()
    assert first["state"] == "FAILED"
    tradeshift.server.routes[("POST", "/tradeshift/rest/external/documents/dispatcher")] = original
    from plugins.peppol.tests.helpers import run_job

    run_job("peppol.retry_due", company.id)
    done = api.get(f"/api/v1/peppol/transmissions/{first['id']}").get_json()
    assert done["state"] == "SENT"
    assert (
        len(tradeshift.server.requests_to("POST", "/tradeshift/rest/external/documents/dispatcher"))
        == 1
    )


@pytest.mark.parametrize(
    ("reply", "state", "error_class"),
    [
        (
            Reply(412, {"ErrorCode": "NoConnection", "Message": "no connection"}),
            "PERMANENTLY_FAILED",
            "unknown_participant",
        ),
        (
            Reply(503, {"ErrorCode": "ObjectNotFound", "Message": "refreshing"}),
            "FAILED",
            "not_ready",
        ),
        (
            Reply(400, {"ErrorCode": "BadRequest", "Message": "blank"}),
            "PERMANENTLY_FAILED",
            "rejected",
        ),
    ],
)
def test_tradeshift_errors(api, tradeshift, sealed_invoice, reply, state, error_class):
    tradeshift.server.script("POST", "/tradeshift/rest/external/documents/dispatcher", reply)
    body = transmit(api, sealed_invoice["id"]).get_json()
    assert (body["state"], body["attempts"][0]["error_class"]) == (state, error_class)


def test_bad_credentials_are_permanent(api, fake_server, sealed_invoice):
    fake = FakeTradeshift(fake_server)
    add_provider(
        api,
        name="ts",
        type="tradeshift",
        base_url=fake.base_url,
        settings={"tenant_id": TENANT},
        **{**CREDENTIALS, "token_secret": "wrong"},
    )
    body = transmit(api, sealed_invoice["id"]).get_json()
    assert (body["state"], body["error_class"]) == ("PERMANENTLY_FAILED", "auth")


def test_inbox_lookup_and_health(api, tradeshift):
    tradeshift.inbox["doc-1"] = example("base-example.xml")
    tradeshift.registered.add("0088:5790000435975")
    job_id = api.post("/api/v1/peppol/inbox/fetch").get_json()["job_id"]
    job = api.get(f"/api/v1/jobs/{job_id}").get_json()
    assert (job["result"]["fetched"], job["result"]["imported"]) == (1, 1)
    assert tradeshift.tags["doc-1"] == {"mls-ap", "ledgerline-processed"}
    assert len(api.get("/api/v1/bills").get_json()["data"]) == 1  # into AP
    assert (
        api.get("/api/v1/peppol/participants/0088:5790000435975").get_json()["registered"] is True
    )
    health = api.get("/api/v1/peppol/health?probe=1").get_json()
    probes = {p["name"]: p["probe"] for p in health["providers"]}
    assert probes["tradeshift"] == {"up": True, "detail": "account Acme"}
