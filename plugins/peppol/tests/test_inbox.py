"""The inbound pipeline: fetch, validate, de-duplicate, forward (no AP plugin here),
acknowledge after the commit; a crashed run loses nothing and doubles nothing."""

import pytest

from plugins.peppol.providers.base import InboxMessage
from plugins.peppol.tests.documents import broken, example, variant
from plugins.peppol.tests.fakes import Reply
from plugins.peppol.tests.helpers import add_provider

BASE = example("base-example.xml")
VAT_S = example("Vat-category-S.xml")
INVALID = broken("missing-buyer-reference.xml")


@pytest.fixture
def destination(api, fake_server):
    server = fake_server({("POST", "/"): Reply(202, {"id": "archived"})})
    add_provider(
        api, name="accountancy", type="http_forward", base_url=server.url + "/in", outbound=False
    )
    return server


def _fetch(api):
    resp = api.post("/api/v1/peppol/inbox/fetch")
    assert resp.status_code == 202
    return api.get(f"/api/v1/jobs/{resp.get_json()['job_id']}").get_json()


def test_fetch_sorts_valid_duplicate_and_invalid_documents(api, mock_account, destination):
    mock_account.inbox.extend(
        [
            InboxMessage("m-1", BASE),
            InboxMessage("m-2", VAT_S),
            InboxMessage("m-3", INVALID),
            InboxMessage("m-4", BASE),  # the same bytes again
            InboxMessage("m-5", variant(BASE, "resent")),  # same sender and number
        ]
    )
    job = _fetch(api)
    assert job["status"] == "completed", job
    assert job["result"] == {
        "fetched": 5,
        "imported": 2,
        "duplicates": 2,
        "invalid": 1,
        "failed": 0,
    }
    assert any("m-3" in e for e in job["errors"])
    assert len(destination.requests_to("POST", "/in")) == 2
    acks = dict((m, mls.code) for m, mls in mock_account.acks)
    assert acks == {"m-1": "AP", "m-2": "AP", "m-3": "RE", "m-4": "AP", "m-5": "RE"}
    rejected = dict(mock_account.acks)["m-3"]
    assert all(r["code"] == "BV" for r in rejected.reasons) and rejected.reasons
    received = api.get("/api/v1/peppol/inbox").get_json()["data"]
    assert sorted(r["status"] for r in received) == [
        "duplicate",
        "forwarded",
        "forwarded",
        "invalid",
    ]
    assert _fetch(api)["result"]["fetched"] == 0  # everything was acknowledged


def test_crash_mid_run_then_rerun_loses_and_doubles_nothing(api, mock_account, destination):
    docs = [
        BASE,
        VAT_S,
        example("vat-category-O.xml"),
        example("national-NO_Norwegian-example-1.xml"),
    ]
    mock_account.inbox.extend(InboxMessage(f"m-{i}", xml) for i, xml in enumerate(docs))
    mock_account.ack_outcomes.extend(["ok", "crash"])  # dies after committing the 2nd document
    first = _fetch(api)
    assert first["status"] == "failed"
    assert "mock provider crashed" in first["errors"][-1]
    assert [m for m, _ in mock_account.acks] == ["m-0"]
    second = _fetch(api)
    assert second["status"] == "completed", second
    assert second["result"] == {
        "fetched": 3,
        "imported": 2,
        "duplicates": 1,
        "invalid": 0,
        "failed": 0,
    }
    assert sorted(m for m, _ in mock_account.acks) == ["m-0", "m-1", "m-2", "m-3"]
    assert len(destination.requests_to("POST", "/in")) == 4  # each document forwarded once
    statuses = [r["status"] for r in api.get("/api/v1/peppol/inbox").get_json()["data"]]
    assert statuses == ["forwarded"] * 4


def test_an_unreachable_destination_leaves_the_document_for_the_next_run(api, mock_account):
    from plugins.peppol.tests.helpers import refused_url

    add_provider(
        api, name="accountancy", type="http_forward", base_url=refused_url(), outbound=False
    )
    mock_account.inbox.append(InboxMessage("m-1", BASE))
    job = _fetch(api)
    assert job["result"]["failed"] == 1 and job["result"]["imported"] == 0
    assert mock_account.acks == []
    assert api.get("/api/v1/peppol/inbox").get_json()["data"] == []
