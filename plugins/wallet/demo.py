"""Demo data: Acme's wallet watches a local anvil chain (``make chain``) in HD mode.

The xpub is ``m/44'/60'/1'`` of anvil's public test mnemonic: a development key whose private
half everybody knows — never for real funds.
"""

from __future__ import annotations

from plugins.wallet import settings

DEMO_XPUB = "xpub6Ce9NcJvTk372KjsGfWqbcex5DumjpNquQLApoeQUavSCjEc823BV1tb4rXUuPuht8h2hSxkg2EXUaKUJmniJvRZAELxypsCzBFdtosmV76"  # noqa: E501
ALPHA_USD = "0x20C0000000000000000000000000000000000001"


def seed(company) -> bool:
    """Configure the demo wallet once; False when the company has settings already."""
    if company.name != "Acme Trading LLC" or settings.row(company.id) is not None:
        return False
    changes = {"xpub": DEMO_XPUB, "chain_id": 31337, "token_address": ALPHA_USD}
    settings.update(company.id, {**changes, "exchange_rates": {"AED": "0.272294"}})
    return True


DEMO_REQUESTS = 2


def request_some(company) -> int:
    """Payment requests for the demo company's first unpaid invoices; how many were made."""
    from sqlalchemy import select

    from core.api import ApiError, db
    from plugins.invoicing.public import Invoice
    from plugins.wallet import factory
    from plugins.wallet.models import PaymentRequest

    if company.name != "Acme Trading LLC" or settings.row(company.id) is None:
        return 0
    if db.session.scalar(select(PaymentRequest.id).where(PaymentRequest.company_id == company.id)):
        return 0
    unpaid = db.session.scalars(
        select(Invoice.id)
        .where(
            Invoice.company_id == company.id,
            Invoice.status.in_(("FINALIZED", "SENT")),
            Invoice.type == "invoice",
            Invoice.amount_due > 0,
        )
        .order_by(Invoice.id)
        .limit(DEMO_REQUESTS)
    ).all()
    for invoice_id in unpaid:
        try:
            factory.create(company.id, invoice_id)
        except ApiError:  # a live request exists already, or nothing is due
            db.session.rollback()
            continue
        db.session.commit()
    return len(unpaid)
