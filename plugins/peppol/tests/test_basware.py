"""The basware adapter against a fake Basware API on a free port (real HTTP)."""

import base64

import pytest

from plugins.peppol.tests.documents import broken, example
from plugins.peppol.tests.fake_basware import CLIENT, FakeBasware
from plugins.peppol.tests.fakes import Reply
from plugins.peppol.tests.helpers import add_provider, transmit


@pytest.fixture
def basware(api, fake_server):
    fake = FakeBasware(fake_server)
    add_provider(api, name="basware", type="basware", base_url=fake.base_url, **CLIENT)
    return fake


def test_send_status_and_validation_rejection(api, basware, sealed_invoice):
    body = transmit(api, sealed_invoice["id"]).get_json()
    assert (body["state"], body["provider"]) == ("SENT", "basware")
    (posted,) = basware.invoices.values()
    assert base64.b64decode(posted["content"]).startswith(b"<?xml")
    assert posted["documentId"] == body["instance_id"] and posted["receiver"] == "0235:1009876543"
    request_id = body["provider_message_id"]
    basware.statuses[request_id] = {"requestStatus": "Success", "systems": []}
    assert (
        api.post(f"/api/v1/peppol/transmissions/{body['id']}/refresh").get_json()["state"]
        == "DELIVERED"
    )


def test_data_validation_error_becomes_an_mls_rejection(api, basware, sealed_invoice):
    body = transmit(api, sealed_invoice["id"]).get_json()
    basware.statuses[body["provider_message_id"]] = {
        "requestStatus": "Error",
        "systems": [
            {
                "system": "network",
                "items": [
                    {
                        "errors": [
                            {
                                "type": "Error",
                                "category": "DataValidation",
                                "message": "unknown buyer",
                            }
                        ]
                    }
                ],
            }
        ],
    }
    refreshed = api.post(f"/api/v1/peppol/transmissions/{body['id']}/refresh").get_json()
    assert refreshed["state"] == "REJECTED"
    assert refreshed["mls"] == {"code": "RE", "reasons": [{"code": "BV", "text": "unknown buyer"}]}


def test_wrong_client_secret_is_permanent(api, fake_server, sealed_invoice):
    fake = FakeBasware(fake_server)
    add_provider(
        api,
        name="bw",
        type="basware",
        base_url=fake.base_url,
        client_id="bw-client",
        client_secret="nope",
    )
    body = transmit(api, sealed_invoice["id"]).get_json()
    assert (body["state"], body["error_class"]) == ("PERMANENTLY_FAILED", "auth")


def test_server_errors_are_transient(api, basware, sealed_invoice):
    basware.server.script("POST", "/v1/salesInvoices", Reply(500, {"detail": "Unexpected error"}))
    body = transmit(api, sealed_invoice["id"]).get_json()
    assert (body["state"], body["attempts"][0]["error_class"]) == ("FAILED", "server_error")


def test_inbox_acknowledges_with_transfer_responses(api, fake_server, basware):
    archive = fake_server({("POST", "/"): Reply(202)})
    add_provider(
        api, name="archive", type="http_forward", base_url=archive.url + "/in", outbound=False
    )
    basware.documents["inv-1"] = example("base-example.xml")
    basware.documents["inv-2"] = broken("missing-buyer-reference.xml")
    job_id = api.post("/api/v1/peppol/inbox/fetch").get_json()["job_id"]
    result = api.get(f"/api/v1/jobs/{job_id}").get_json()["result"]
    assert (result["imported"], result["invalid"]) == (1, 1)
    assert basware.transfers["inv-1"]["transferStatus"] == "Success"
    assert basware.transfers["inv-2"]["transferStatus"] == "Failure"
    assert "BV" in basware.transfers["inv-2"]["message"]
