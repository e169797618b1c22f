"""The printable invoice: what a customer reads on paper and what their phone scans."""

import io

import zxingcpp
from PIL import Image
from pypdf import PdfReader

from plugins.invoicing.tests.helpers import Api, draft_payload


def _finalized(api, customer, **extra):
    draft = api.post("/api/v1/invoices", json=draft_payload(customer.id, **extra)).get_json()
    resp = api.post(f"/api/v1/invoices/{draft['id']}/finalize")
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def _pdf(api, invoice_id, query=""):
    resp = api.get(f"/api/v1/invoices/{invoice_id}/pdf{query}")
    assert resp.status_code == 200, resp.data[:300]
    assert resp.mimetype == "application/pdf"
    assert resp.data.startswith(b"%PDF")
    return resp, PdfReader(io.BytesIO(resp.data))


def _text(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def _qr_texts(reader):
    found = []
    for page in reader.pages:
        for image in page.images:
            picture = Image.open(io.BytesIO(image.data)).convert("L")
            found += [code.text for code in zxingcpp.read_barcodes(picture)]
    return found


def test_finalized_invoice_pdf_shows_the_tax_invoice(api, customer, company):
    inv = _finalized(api, customer)
    resp, reader = _pdf(api, inv["id"])
    assert 'filename="INV-2026-00001.pdf"' in resp.headers["Content-Disposition"]
    text = _text(reader)
    assert "Tax Invoice" in text and "Tax Credit Note" not in text
    assert inv["number"] in text
    assert company.name in text and "Gulf Buyer LLC" in text
    assert f"TRN {company.trn}" in text and "TRN 100987654300003" in text
    assert "Consulting" in text and "Licence" in text
    # Amounts and dates as English writes them: grouped, currency first, month by name.
    assert "AED\xa01,599.99" in text and "AED\xa080.00" in text and "AED\xa01,679.99" in text
    assert "Standard rate" in text and "Mar 15, 2026" in text  # VAT breakdown, due date
    assert "AE07 0331 2345 6789 0123 456" in text  # payment IBAN, grouped for reading
    assert "DRAFT" not in text
    assert inv["hash"] in text.replace("\n", "")
    assert "Finalized on" in text  # the moment, in the reader's else the company's zone


def test_qr_code_decodes_to_number_and_hash(api, customer):
    inv = _finalized(api, customer)
    _, reader = _pdf(api, inv["id"])
    assert _qr_texts(reader) == [f"ledgerline:verify:{inv['number']}:{inv['hash']}"]


def test_draft_pdf_is_watermarked_and_carries_no_hash(api, customer):
    draft = api.post("/api/v1/invoices", json=draft_payload(customer.id)).get_json()
    _, reader = _pdf(api, draft["id"])
    text = _text(reader)
    assert "DRAFT" in text and "not a valid tax document" in text
    assert "AED\xa01,679.99" in text  # live totals are still shown
    assert "SHA-256" not in text
    assert _qr_texts(reader) == []


def test_credit_note_pdf_is_titled_and_names_the_invoice(api, customer):
    inv = _finalized(api, customer)
    note = api.post(
        f"/api/v1/invoices/{inv['id']}/credit-notes", json={"credit_reason": "DL8.61.1.A"}
    ).get_json()
    resp = api.post(f"/api/v1/invoices/{note['id']}/finalize")
    assert resp.status_code == 200, resp.get_json()
    note = resp.get_json()
    _, reader = _pdf(api, note["id"])
    text = _text(reader)
    assert "Tax Credit Note" in text and note["number"] in text
    assert inv["number"] in text  # the invoice it corrects
    assert _qr_texts(reader) == [f"ledgerline:verify:{note['number']}:{note['hash']}"]


def test_foreign_currency_pdf_states_vat_in_dirhams(api, customer):
    inv = _finalized(api, customer, currency="USD", exchange_rate="3.6725")
    text = _text(_pdf(api, inv["id"])[1])
    assert "$1,679.99" in text
    assert "VAT in AED" in text and "AED\xa0293.80" in text  # 80.00 x 3.6725, half-up


def test_names_beyond_latin1_do_not_break_the_pdf(api, customer):
    resp = api.patch(f"/api/v1/customers/{customer.id}", json={"name": "Müller Ωmega ООО"})
    assert resp.status_code == 200, resp.get_json()
    inv = _finalized(api, customer)
    assert "Müller Ωmega ООО" in _text(_pdf(api, inv["id"])[1])


def test_pdf_of_unknown_invoice_is_a_json_404(api):
    resp = api.get("/api/v1/invoices/999999/pdf")
    assert resp.status_code == 404 and resp.get_json()["error"]["code"] == "not_found"


def test_other_company_cannot_read_the_pdf(
    client, api, customer, make_company, make_user, api_token
):
    inv = _finalized(api, customer)
    other = make_user(email="boss@other.ae", company=make_company(name="Other Co"))
    resp = Api(client, api_token(other)).get(f"/api/v1/invoices/{inv['id']}/pdf")
    assert resp.status_code == 404


def test_arabic_pdf_speaks_arabic_right_to_left(api, customer, company):
    """The company's document language is Arabic: labels from the catalogue, amounts and
    dates as Arabic writes them, the letters joined (HarfBuzz) and the text extractable."""
    from core.db import db

    company.locale = "ar"
    db.session.commit()
    inv = _finalized(api, customer)
    text = _text(_pdf(api, inv["id"])[1])
    for words in ("فاتورة ضريبية", "تاريخ الإصدار", "المبلغ المستحق", "البائع", "المشتري"):
        assert words in text, words
    assert "Tax Invoice" not in text and "Amount due" not in text
    # Each total on its line with the dirham sign (a mixed line is extracted in visual order).
    due = next(line for line in text.splitlines() if "المبلغ المستحق" in line)
    assert "1,679.99" in due and "د.إ." in due and "AED" not in due
    assert "15\u200f/03\u200f/2026" in text or "2026/\u200f03/\u200f15" in text  # due date
    assert inv["number"] in text and "Gulf Buyer LLC" in text  # Latin names stay as written
    english = _text(_pdf(api, inv["id"], "?lang=en")[1])
    assert "Tax Invoice" in english  # ?lang= asks for another language on one download
