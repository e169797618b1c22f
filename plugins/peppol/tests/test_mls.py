"""Message Level Status round trip: the provider's MLS moves the transmission and is shown."""

from plugins.peppol.providers.base import Mls, Status
from plugins.peppol.tests.helpers import run_job, transmit


def _sent(api, mock_account, invoice):
    body = transmit(api, invoice["id"]).get_json()
    assert body["state"] == "SENT"
    return body


def test_mls_rejection_with_reasons(api, mock_account, sealed_invoice):
    body = _sent(api, mock_account, sealed_invoice)
    reasons = ({"code": "BV", "text": "BR-CO-15 total mismatch", "location": "/Invoice"},)
    mock_account.statuses[body["provider_message_id"]] = Status("delivered", Mls("RE", reasons))
    refreshed = api.post(f"/api/v1/peppol/transmissions/{body['id']}/refresh").get_json()
    assert refreshed["state"] == "REJECTED"
    assert refreshed["mls"] == {"code": "RE", "reasons": [dict(reasons[0])]}
    assert refreshed["finished_at"] is not None
    # Only a FAILED transmission is retried; a rejected one is final.
    retried = api.post(f"/api/v1/peppol/transmissions/{body['id']}/retry")
    assert retried.status_code == 409 and retried.get_json()["error"]["code"] == "not_failed"


def test_delivery_then_acceptance_by_the_status_poll(api, company, mock_account, sealed_invoice):
    body = _sent(api, mock_account, sealed_invoice)
    message = body["provider_message_id"]
    mock_account.statuses[message] = Status("delivered")
    run_job("peppol.poll_status", company.id)
    assert api.get(f"/api/v1/peppol/transmissions/{body['id']}").get_json()["state"] == "DELIVERED"
    mock_account.statuses[message] = Status("delivered", Mls("AB"))
    run_job("peppol.poll_status", company.id)
    ab = api.get(f"/api/v1/peppol/transmissions/{body['id']}").get_json()
    assert (ab["state"], ab["mls"]["code"]) == ("DELIVERED", "AB")
    mock_account.statuses[message] = Status("delivered", Mls("AP"))
    run_job("peppol.poll_status", company.id)
    done = api.get(f"/api/v1/peppol/transmissions/{body['id']}").get_json()
    assert (done["state"], done["mls"]) == ("ACCEPTED", {"code": "AP", "reasons": []})
    assert transmit(api, sealed_invoice["id"]).status_code == 200  # accepted: never again


def test_a_transient_status_answer_changes_nothing(api, mock_account, sealed_invoice):
    from plugins.peppol.errors import TransientError

    body = _sent(api, mock_account, sealed_invoice)

    def not_ready(message_id):
        raise TransientError("not_ready", "702 not ready")

    mock_account.statuses = _Raising(not_ready)
    refreshed = api.post(f"/api/v1/peppol/transmissions/{body['id']}/refresh").get_json()
    assert refreshed["state"] == "SENT"
    assert "not ready" in refreshed["last_error"]


class _Raising(dict):
    def __init__(self, raiser):
        super().__init__()
        self.raiser = raiser

    def get(self, key, default=None):
        self.raiser(key)
