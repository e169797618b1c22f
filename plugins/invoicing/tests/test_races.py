"""Invoice transitions that move money, fired 20 times at once at a real server.

Exactly one request wins, the others get a clear 4xx JSON error (never a 500), and the
company's hash chain still verifies. The payments side (payments and credit notes racing for
one amount due) is in ``plugins/payments/tests/test_money_races.py``.
"""

from __future__ import annotations

from collections import Counter

import pytest

from core.api import db
from plugins.invoicing.tests.helpers import draft_payload
from tests.support import races
from tests.support.races import TIMES, fire, report, same, tally

live_server = races.live_server  # the fixture, used by name below


@pytest.fixture
def token(admin, api_token):
    return api_token(admin)


@pytest.fixture
def invoice(api, customer):
    """A finalized invoice of 1679.99 (two lines, 5 % VAT)."""
    inv = api.post("/api/v1/invoices", json=draft_payload(customer.id)).get_json()
    done = api.post(f"/api/v1/invoices/{inv['id']}/finalize")
    assert done.status_code == 200, done.get_json()
    return done.get_json()


def _get(api, path):
    db.session.expire_all()
    resp = api.get(path)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def test_twenty_voids_of_one_invoice_make_one(api, invoice, token, live_server):
    answers = fire(live_server, token, same("POST", f"/api/v1/invoices/{invoice['id']}/void"))
    expected = Counter({(200, None): 1, (409, "invalid_transition"): TIMES - 1})
    assert tally(answers) == expected, report(answers, live_server)
    assert _get(api, f"/api/v1/invoices/{invoice['id']}")["status"] == "VOID"
    assert _get(api, "/api/v1/chain/verify")["ok"] is True


def test_twenty_full_credit_notes_of_one_invoice_finalize_once(api, invoice, token, live_server):
    notes = []
    for _ in range(TIMES):  # each credits the whole invoice
        reason = {"credit_reason": "DL8.61.1.A"}  # PINT-AE ibr-158-ae: finalize needs it
        resp = api.post(f"/api/v1/invoices/{invoice['id']}/credit-notes", json=reason)
        assert resp.status_code == 201, resp.get_json()
        notes.append(resp.get_json()["id"])
    answers = fire(
        live_server, token, [("POST", f"/api/v1/invoices/{n}/finalize", None) for n in notes]
    )
    expected = Counter({(200, None): 1, (422, "credit_exceeds_amount_due"): TIMES - 1})
    assert tally(answers) == expected, report(answers, live_server)
    original = _get(api, f"/api/v1/invoices/{invoice['id']}")
    assert (original["amount_due"], original["payment_status"]) == ("0.00", "paid")
    chain = _get(api, "/api/v1/chain/verify")
    assert (chain["ok"], chain["checked"]) == (True, 2)


def test_twenty_saves_of_one_version_keep_one(api, customer, token, live_server):
    """Twenty editors all holding version 1 save at once: one wins, nineteen are told."""
    draft = api.post("/api/v1/invoices", json=draft_payload(customer.id)).get_json()
    requests = [
        ("PATCH", f"/api/v1/invoices/{draft['id']}", {"notes": f"editor {i}"}, {"If-Match": '"1"'})
        for i in range(TIMES)
    ]
    answers = fire(live_server, token, requests)
    expected = Counter({(200, None): 1, (409, "stale_version"): TIMES - 1})
    assert tally(answers) == expected, report(answers, live_server)
    winner = next(a.body for a in answers if a.status == 200)
    stored = _get(api, f"/api/v1/invoices/{draft['id']}")
    assert stored["version"] == 2 and stored["notes"] == winner["notes"]


def test_first_finalizations_at_once_give_the_company_one_key(app, api, customer, token):
    """Each makes a key before the chain lock (none exists yet); under it only the first is
    stored and every invoice is signed with it."""
    from sqlalchemy import func, select

    from plugins.invoicing.models import SigningKey

    drafts = [api.post("/api/v1/invoices", json=draft_payload(customer.id)) for _ in range(6)]
    paths = [("POST", f"/api/v1/invoices/{d.get_json()['id']}/finalize", None) for d in drafts]
    with races.served(app) as server:
        answers = fire(server, token, paths)
    assert tally(answers) == Counter({(200, None): 6}), report(answers, server)
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(SigningKey)) == 1
    verdicts = [_get(api, f"/api/v1/invoices/{a.body['id']}/verify") for a in answers]
    assert {v["signature"]["key_id"] for v in verdicts} == {verdicts[0]["signature"]["key_id"]}
    assert all(v["signature"]["ok"] for v in verdicts)
    assert _get(api, "/api/v1/chain/verify")["ok"] is True
