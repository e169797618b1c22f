"""The inbound pipeline into AP: fetch, validate, de-duplicate, create vendor bills,
acknowledge after the commit; a crashed run loses nothing and doubles nothing."""

from plugins.peppol.providers.base import InboxMessage
from plugins.peppol.tests.documents import broken, every_broken, example, variant

BASE = example("base-example.xml")
VAT_O = example("vat-category-O.xml")
NORWAY = example("national-NO_Norwegian-example-1.xml")
UAE = example("pint-ae-2025.11_Standard-tax-invoice.xml")
INVALID = broken("missing-buyer-reference.xml")
# A PINT-AE document given Peppol BIS's CustomizationID: EXPECTED.json names the PINT-AE rule it
# breaks; the inbox judges the profile the document declares, whose rules it breaks too.
CLAIMS_ANOTHER_PROFILE = {"peppol-bis-customization-id.xml": {"BR-CO-09", "PEPPOL-EN16931-R007"}}


def _fetch(api):
    resp = api.post("/api/v1/peppol/inbox/fetch")
    assert resp.status_code == 202
    return api.get(f"/api/v1/jobs/{resp.get_json()['job_id']}").get_json()


def _bills(api):
    return api.get("/api/v1/bills?limit=100").get_json()["data"]


def test_fetch_sorts_valid_duplicate_and_invalid_documents(api, mock_account):
    mock_account.inbox.extend(
        [
            InboxMessage("m-1", BASE),
            InboxMessage("m-2", VAT_O),
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
    assert any("m-3" in e and "PEPPOL-EN16931-R003" in e for e in job["errors"])
    assert len(_bills(api)) == 2
    acks = {m: mls.code for m, mls in mock_account.acks}
    assert acks == {"m-1": "AP", "m-2": "AP", "m-3": "RE", "m-4": "AP", "m-5": "RE"}
    rejected = dict(mock_account.acks)["m-3"]
    assert [r["text"] for r in rejected.reasons] == ["PEPPOL-EN16931-R003"]
    received = api.get("/api/v1/peppol/inbox").get_json()["data"]
    assert sorted(r["status"] for r in received) == ["duplicate", "imported", "imported", "invalid"]
    assert {r["bill_id"] for r in received if r["status"] == "imported"} == {
        b["id"] for b in _bills(api)
    }
    assert _fetch(api)["result"]["fetched"] == 0  # everything was acknowledged


def test_every_broken_official_copy_is_refused_naming_its_rules(api, mock_account):
    """Each of ../shared/einvoice's broken documents arriving over Peppol is recorded invalid,
    rejected to the sender with the rule ids it breaks, and creates no bill; nothing crashes."""
    documents = every_broken()
    mock_account.inbox.extend(InboxMessage(name, xml) for name, xml, _ in documents)
    job = _fetch(api)
    assert job["status"] == "completed", job
    n = len(documents)
    assert job["result"] == {
        "fetched": n,
        "imported": 0,
        "duplicates": 0,
        "invalid": n,
        "failed": 0,
    }
    acks = dict(mock_account.acks)
    for name, _, rules in documents:
        named = {r["text"] for r in acks[name].reasons}
        assert acks[name].code == "RE" and named, name
        error = next(e for e in job["errors"] if name in e)
        assert all(rule in error for rule in named), error
        if name not in CLAIMS_ANOTHER_PROFILE:
            assert set(rules) <= named, name
        else:  # judged by what it claims (BIS), which it breaks as well
            assert CLAIMS_ANOTHER_PROFILE[name] <= named, named
    assert _bills(api) == []


def test_crash_mid_run_then_rerun_loses_and_doubles_nothing(api, mock_account):
    docs = [BASE, VAT_O, NORWAY, UAE]
    mock_account.inbox.extend(InboxMessage(f"m-{i}", xml) for i, xml in enumerate(docs))
    mock_account.ack_outcomes.extend(["ok", "crash"])  # dies after committing the 2nd document
    first = _fetch(api)
    assert first["status"] == "failed"
    assert "mock provider crashed" in first["errors"][-1]
    assert [m for m, _ in mock_account.acks] == ["m-0"]
    assert len(_bills(api)) == 2  # committed before the crash
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
    assert len(_bills(api)) == 4  # each document imported once
    statuses = [r["status"] for r in api.get("/api/v1/peppol/inbox").get_json()["data"]]
    assert statuses == ["imported"] * 4


def test_inbox_page_links_the_bill(api, login, mock_account):
    mock_account.inbox.append(InboxMessage("m-1", BASE))
    _fetch(api)
    bill_id = _bills(api)[0]["id"]
    page = login().get("/peppol/inbox").get_data(as_text=True)
    assert f'href="/ap/bills/{bill_id}"' in page
