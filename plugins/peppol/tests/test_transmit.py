"""Sending a sealed invoice via Peppol through the mock provider: the API contract."""

from plugins.peppol.tests.helpers import transmit


def test_transmit_sends_once_and_answers_with_the_outcome(api, mock_account, sealed_invoice):
    first = transmit(api, sealed_invoice["id"])
    assert first.status_code == 202, first.get_json()
    body = first.get_json()
    assert body["state"] == "SENT"
    assert body["provider"] == "primary-mock"
    assert body["document_id"] == sealed_invoice["id"]
    assert body["profile"] == "pint-ae"
    assert body["receiver_id"] == "0235:1009876543"
    assert [a["outcome"] for a in body["attempts"]] == ["ok"]
    again = transmit(api, sealed_invoice["id"])
    assert again.status_code == 200
    assert again.get_json()["id"] == body["id"]
    assert len(mock_account.delivered) == 1 and mock_account.calls == 1


def test_read_and_list_transmissions(api, mock_account, sealed_invoice):
    tid = transmit(api, sealed_invoice["id"]).get_json()["id"]
    one = api.get(f"/api/v1/peppol/transmissions/{tid}").get_json()
    assert one["id"] == tid and one["state"] == "SENT" and len(one["attempts"]) == 1
    assert one["mls"] is None
    listed = api.get("/api/v1/peppol/transmissions?state=SENT").get_json()
    assert [t["id"] for t in listed["data"]] == [tid]
    assert api.get("/api/v1/peppol/transmissions?state=NOPE").status_code == 400


def test_a_draft_is_refused(api, mock_account, invoice_for):
    draft = invoice_for("10.00", finalize=False)
    resp = transmit(api, draft["id"])
    assert resp.status_code == 409
    assert resp.get_json()["error"]["code"] == "invoice_is_draft"


def test_without_a_provider_nothing_is_queued(api, sealed_invoice):
    resp = transmit(api, sealed_invoice["id"])
    assert resp.status_code == 409
    assert resp.get_json()["error"]["code"] == "no_provider"
    assert api.get("/api/v1/peppol/transmissions").get_json()["data"] == []
