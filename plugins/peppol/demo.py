"""Demo data: a ``mock`` provider account per demo company, so "Send via Peppol" works."""

from __future__ import annotations

from sqlalchemy import select

from core.api import db
from plugins.peppol import manage
from plugins.peppol.models import ProviderAccount

NAME = "Demo access point (mock)"


def seed(company) -> bool:
    """Add the demo account unless the company has one; True when added."""
    exists = db.session.scalar(
        select(ProviderAccount.id).where(
            ProviderAccount.company_id == company.id, ProviderAccount.name == NAME
        )
    )
    if exists:
        return False
    manage.create(company.id, {"name": NAME, "type": "mock", "priority": 100})
    return True


# Sent through the mock access point, so the transmissions pages have something to show.
DEMO_SENDS = 2


def send_some(company) -> int:
    """Send the company's first issued invoices whose buyers are on Peppol; how many went."""
    from core.api import Conflict, Refused
    from plugins.invoicing.public import Invoice
    from plugins.peppol.models import Transmission
    from plugins.peppol.transmit import transmit

    if db.session.scalar(select(Transmission.id).where(Transmission.company_id == company.id)):
        return 0
    issued = db.session.scalars(
        select(Invoice)
        .where(
            Invoice.company_id == company.id,
            Invoice.status.in_(("FINALIZED", "SENT")),
            Invoice.type == "invoice",
        )
        .order_by(Invoice.id)
    ).all()
    sent = 0
    for invoice in issued:
        if sent == DEMO_SENDS:
            break
        try:
            transmit(invoice)
        except (Conflict, Refused):  # no participant id, or not valid for Peppol: next one
            continue
        db.session.commit()
        sent += 1
    return sent
