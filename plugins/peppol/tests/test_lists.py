"""Peppol transmissions and inbox lists as a user sees them: every column sorts and pages by
keyset, filters in the URL, CSV/XLSX of the filter, bulk retry of failed transmissions (the
others named as refused), and the sorted first page reads indexes."""

import pytest

from plugins.invoicing.tests.test_pages_support import post_form
from plugins.peppol.providers.base import InboxMessage
from plugins.peppol.tests.documents import broken, example
from plugins.peppol.tests.helpers import transmit
from tests.support.lists import (
    assert_api_list_flat,
    assert_every_sort_walks,
    assert_reads_indexes,
    case,
    csv_rows,
    ids,
    page,
    xlsx_rows,
)

KEYS = ("id", "document", "receiver_id", "profile", "provider", "attempts", "updated", "state")
INBOX_KEYS = ("received", "sender_id", "number", "profile", "status")


@pytest.fixture
def sent(api, mock_account, invoice_for, login):
    """Two delivered transmissions and one that failed (a transient answer)."""
    made = [transmit(api, invoice_for("100.00")["id"]).get_json() for _ in range(2)]
    mock_account.script("timeout")
    made.append(transmit(api, invoice_for("300.00")["id"]).get_json())
    assert made[-1]["state"] == "FAILED"
    return login(), made


def test_transmissions_sort_on_every_column_and_page_by_keyset(sent):
    client, made = sent
    assert_every_sort_walks(client, "/peppol/", KEYS, [t["id"] for t in made])


def test_transmission_filters_and_export(sent):
    client, made = sent
    html = page(client, "/peppol/?state=FAILED")
    assert ids(html) == [made[2]["id"]] and '<option value="FAILED" selected>' in html
    assert 'data-peppol-state="FAILED"' in html and "primary-mock" in page(client, "/peppol/")
    # The profile by its name (PINT-AE), as the invoice page and the transmission page say it.
    assert ">PINT-AE<" in html and ">pint-ae<" not in html
    for url in (
        f"/peppol/transmissions/{made[2]['id']}",
        f"/invoicing/invoices/{made[2]['document_id']}",
    ):
        assert "(PINT-AE)" in page(client, url) and "(pint-ae)" not in page(client, url), url
    rows = csv_rows(client.get("/peppol/export.csv?sort=id"))
    assert rows[0][0] == "#" and [int(r[0]) for r in rows[1:]] == [t["id"] for t in made]
    assert rows[3][-1] == "FAILED"
    sheet = xlsx_rows(client.get(f"/peppol/export.xlsx?q={made[0]['document_number']}"))
    assert [r[1] for r in sheet[1:]] == [made[0]["document_number"]]


def test_bulk_retry_queues_the_failed_one_and_names_the_others(sent, mock_account, api):
    client, made = sent
    ticked = {"action": "retry", "ids": [made[0]["id"], made[2]["id"]]}
    resp = post_form(client, "/peppol/bulk", ticked, page="/peppol/")
    assert resp.status_code == 303
    retried = api.get(f"/api/v1/peppol/transmissions/{made[2]['id']}").get_json()
    assert retried["state"] != "FAILED" and len(retried["attempts"]) == 2  # sent again (inline)
    html = page(client, "/peppol/")
    assert "1 of 2 done" in html and "Only a failed transmission is retried." in html


def test_transmission_list_reads_indexes(sent, api):
    for query in ["", "?sort=-updated", "?sort=receiver_id", "?state=SENT"]:
        with case(query=query):
            client, _ = sent
            assert_reads_indexes(client, f"/peppol/{query}", ("peppol_transmission",))
    assert_api_list_flat(api, "/api/v1/peppol/transmissions", 3, ("peppol_transmission",))


@pytest.fixture
def received(api, mock_account, login):
    mock_account.inbox.extend(
        [
            InboxMessage("m-1", example("base-example.xml")),
            InboxMessage("m-2", example("vat-category-O.xml")),
            InboxMessage("m-3", broken("missing-buyer-reference.xml")),
        ]
    )
    assert api.post("/api/v1/peppol/inbox/fetch").status_code == 202
    return login(), api.get("/api/v1/peppol/inbox").get_json()["data"]


def test_inbox_sorts_on_every_column_and_pages_by_keyset(received):
    client, docs = received
    assert_every_sort_walks(client, "/peppol/inbox", INBOX_KEYS, [d["id"] for d in docs])


def test_inbox_keeps_its_schedule_and_filters_by_outcome(received):
    client, docs = received
    html = page(client, "/peppol/inbox?status=invalid")
    assert "Fetch now" in html and "Schedule" in html
    invalid = [d["id"] for d in docs if d["status"] == "invalid"]
    assert ids(html) == invalid
    rows = csv_rows(client.get("/peppol/inbox/export.csv?status=invalid"))
    assert len(rows) == 2 and rows[1][-1]  # the rules it broke


def test_inbox_list_reads_indexes(received):
    client, _ = received
    assert_reads_indexes(client, "/peppol/inbox?sort=-received", ("peppol_inbound",))
