"""One company, its admin, a finance colleague with a token, a UAE buyer and one invoice."""

from __future__ import annotations


def seed_shop(make_company, make_user, api_token, *, finalized: bool) -> dict:
    """Acme with an admin and a finance colleague (token), and one invoice of 1,575.00."""
    from core.db import db
    from plugins.invoicing.services import customers, drafts, finalize

    company = make_company(
        iban="AE070331234567890123456", address_line1="1 Sheikh Zayed Rd", city="Dubai"
    )
    make_user(company=company)
    finance = make_user(email="finance@acme.ae", company=company, role="FINANCE_USER")
    token = api_token(finance, "read,write")
    buyer = customers.create(
        company.id,
        {
            "name": "Gulf Buyer LLC",
            "trn": "100987654300003",
            "peppol_id": "0235:1009876543",
            "address_line1": "2 Corniche",
            "city": "Abu Dhabi",
            "country": "AE",
        },
    )
    invoice = drafts.create(
        company.id,
        {
            "customer_id": buyer.id,
            "issue_date": "2026-03-01",
            "buyer_reference": "PO-77",
            "lines": [{"description": "Consulting", "quantity": "10", "unit_price": "150"}],
        },
    )
    if finalized:
        finalize.finalize(invoice)
    db.session.commit()
    facts = {"invoice_id": invoice.id, "customer_id": buyer.id, "token": token}
    db.session.remove()
    return facts
