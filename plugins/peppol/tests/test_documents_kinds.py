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
        subdivision="BE-BRU",
    )
    body = transmit(api, invoice_for("100.00", customer_id=buyer.id)["id"]).get_json()
    assert (body["state"], body["profile"], body["receiver_id"]) == (
        "SENT",
        "peppol",
        "0208:0403170701",
    )


def test_uae_special_endpoints_are_never_looked_up(api, mock_account):
    # Invoicing refuses to seal a document to 0235:99... that PINT-AE would reject, so these
    # reach the gate only as valid documents; the look-up never asks the network for them.
    lookup = api.get("/api/v1/peppol/participants/0235:9900000099").get_json()
    assert lookup["special"] == "export" and "registered" not in lookup
    assert mock_account.calls == 0


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
