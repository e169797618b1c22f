"""Without the AP plugin, received documents go to the company's http_forward destination."""

import pytest

from plugins.peppol.providers.base import InboxMessage
from plugins.peppol.tests.documents import example
from plugins.peppol.tests.fakes import Reply
from plugins.peppol.tests.helpers import add_provider, refused_url

BASE = example("base-example.xml")


@pytest.fixture
def app_config(app_config):
    return {**app_config, "PLUGINS": "einvoice,invoicing,payments,peppol"}


def _fetch(api):
    job_id = api.post("/api/v1/peppol/inbox/fetch").get_json()["job_id"]
    return api.get(f"/api/v1/jobs/{job_id}").get_json()


def test_documents_are_forwarded_once(api, fake_server, mock_account):
    server = fake_server({("POST", "/"): Reply(202, {"id": "archived"})})
    add_provider(
        api, name="accountancy", type="http_forward", base_url=server.url + "/in", outbound=False
    )
    mock_account.inbox.extend([InboxMessage("m-1", BASE), InboxMessage("m-2", BASE)])
    job = _fetch(api)
    assert job["result"] == {
        "fetched": 2,
        "imported": 1,
        "duplicates": 1,
        "invalid": 0,
        "failed": 0,
    }
    (seen,) = server.requests_to("POST", "/in")
    assert seen.body == BASE
    statuses = [r["status"] for r in api.get("/api/v1/peppol/inbox").get_json()["data"]]
    assert statuses == ["forwarded"]


def test_an_unreachable_destination_leaves_the_document_for_the_next_run(api, mock_account):
    add_provider(
        api, name="accountancy", type="http_forward", base_url=refused_url(), outbound=False
    )
    mock_account.inbox.append(InboxMessage("m-1", BASE))
    job = _fetch(api)
    assert job["result"]["failed"] == 1 and job["result"]["imported"] == 0
    assert mock_account.acks == []
    assert api.get("/api/v1/peppol/inbox").get_json()["data"] == []


def test_no_destination_at_all_is_a_failure_not_a_loss(api, mock_account):
    mock_account.inbox.append(InboxMessage("m-1", BASE))
    job = _fetch(api)
    assert job["result"]["failed"] == 1
    assert "no AP plugin and no http_forward destination" in job["errors"][0]
    assert mock_account.acks == []
