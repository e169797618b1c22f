"""A document failing the official rules never reaches a provider; the caller sees the rule
ids. The renderer is replaced by one returning an official broken document (the validator
stays the real one, through the e-invoice plugin)."""

import re

import pytest

from plugins.peppol.tests.documents import SHARED
from plugins.peppol.tests.helpers import transmit

BROKEN = SHARED / "tests" / "broken-pint-ae" / "standard-rate-15-percent.xml"


@pytest.fixture
def broken_renderer(monkeypatch):
    from plugins.peppol import transmit as service

    monkeypatch.setattr(service, "document_xml", lambda invoice, profile: BROKEN.read_bytes())


def test_invalid_document_is_refused_with_rule_ids(
    api, mock_account, sealed_invoice, broken_renderer
):
    resp = transmit(api, sealed_invoice["id"])
    assert resp.status_code == 422
    error = resp.get_json()["error"]
    assert error["code"] == "einvoice_invalid"
    assert {"ibr-190-ae", "aligned-ibrp-s-09"} <= set(error["details"]["rule_ids"])
    assert error["details"]["profile"] == "pint-ae"
    assert mock_account.calls == 0
    assert api.get("/api/v1/peppol/transmissions").get_json()["data"] == []


def test_the_invoice_panel_lists_the_rule_ids(login, mock_account, sealed_invoice, broken_renderer):
    browser = login()
    page = browser.get(f"/invoicing/invoices/{sealed_invoice['id']}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    html = browser.post(
        f"/peppol/invoices/{sealed_invoice['id']}/send",
        data={"csrf_token": token},
        headers={"HX-Request": "true"},
    ).get_data(as_text=True)
    assert "<code>ibr-190-ae</code>" in html and "Send via Peppol" in html
    assert mock_account.calls == 0
