"""The customers offered by a list's customer filter (invoices, payments).

The super admin sees every company's customers, where two companies may each have an "Atlas
Freight": the company's name tells them apart. Anyone else sees their company's, by name.
"""

from __future__ import annotations

from sqlalchemy import select

from core.api import Company, current_actor, db
from plugins.invoicing.models import Customer


def customer_options() -> list[tuple[int, str]]:
    """``(id, name)`` pairs, by name."""
    if not current_actor().is_super_admin:
        return list(db.session.execute(select(Customer.id, Customer.name).order_by(Customer.name)))
    rows = db.session.execute(
        select(Customer.id, Customer.name, Company.name)
        .join(Company, Company.id == Customer.company_id)
        .order_by(Customer.name, Company.name)
    )
    return [(cid, f"{name} — {company}") for cid, name, company in rows]
