"""Credit notes, UAE special endpoints and Belgian buyers go out with the right profile; other
companies never see a company's transmissions."""

from core.api import db
from plugins.invoicing.services import customers
from plugins.peppol.tests.helpers import transmit


def test_credit_note_is_sent_as_a_credit_note(api, mock_account, sealed_invoice):
    note = api.post(
        f"/api/v1/invoices/{sealed_invoice['id']}/credit-notes",
        json={"credit_reason": "DL8.61.1.A"},
    )
    assert note.status_code == 201, note.get_json()
    finalized = api.post(f"/api/v1/invoices/{note.get_json()['id']}/finalize")
    assert finalized.status_code == 200, finalized.get_json()
    body = transmit(api, note.get_json()["id"]).get_json()
    assert (body["state"], body["document_type"], body["profile"]) == (
        "SENT",
        "credit_note",
        "pint-ae",
    )
    sent = mock_account.delivered[body["instance_id"]]
    assert b"<CreditNote" in sent.xml


def _customer(company, **fields):
    made = customers.create(company.id, {"address_line1": "1 Street", **fields})
    db.session.commit()
    return made


def test_belgian_buyer_gets_peppol_bis(api, company, mock_account, invoice_for):
    buyer = _customer(
        company,
        name="Brussels BV",
        peppol_id="0208:0403170701",
        vat_ids=["BE0403170701"],
        city="Brussels",
        postal_code="1000",
        country="BE",
    )
    body = transmit(api, invoice_for("100.00", customer_id=buyer.id)["id"]).get_json()
    assert (body["state"], body["profile"], body["receiver_id"]) == (
        "SENT",
        "peppol",
        "0208:0403170701",
    )


def test_uae_export_endpoint_is_judged_as_pint_ae_without_lookup(
    api, company, mock_account, invoice_for
):
    # 0235:9900000099 passes the participant checks and selects PINT-AE. The UBL writer does
    # not mark the transaction as an export yet (BTAE-02), so the official rules refuse it
    # (ibr-135-ae) and nothing reaches the provider: the gate shows the rule id.
    buyer = _customer(
        company,
        name="Overseas Ltd",
        peppol_id="0235:9900000099",
        city="London",
        country="GB",
        subdivision="GB-LND",
        vat_ids=["GB980780684"],
    )
    resp = transmit(api, invoice_for("100.00", customer_id=buyer.id)["id"])
    error = resp.get_json()["error"]
    assert (resp.status_code, error["code"], error["details"]["profile"]) == (
        422,
        "einvoice_invalid",
        "pint-ae",
    )
    assert error["details"]["rule_ids"] == ["ibr-135-ae"]
    assert mock_account.calls == 0
    lookup = api.get("/api/v1/peppol/participants/0235:9900000099").get_json()
    assert lookup["special"] == "export" and "registered" not in lookup


def test_other_companies_see_no_transmission(
    api, client, make_company, make_user, api_token, mock_account, sealed_invoice
):
    from plugins.invoicing.tests.helpers import Api

    tid = transmit(api, sealed_invoice["id"]).get_json()["id"]
    other = make_company(name="Globex", trn="100111222300003")
    outsider = Api(client, api_token(make_user(email="x@globex.ae", company=other)))
    assert outsider.get(f"/api/v1/peppol/transmissions/{tid}").status_code == 404
    assert outsider.get("/api/v1/peppol/transmissions").get_json()["data"] == []
    assert outsider.post(f"/api/v1/invoices/{sealed_invoice['id']}/transmit").status_code == 404
