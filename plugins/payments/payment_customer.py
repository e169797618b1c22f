"""A payment list's customer: its name read from a LEFT JOIN of the customer table on the
payment's own company (``core.api.join_own_company`` says why not the ``Customer`` entity);
the tenant filter, or the archive view's own company condition, narrows the payments. Sort on
:data:`CUSTOMER_NAME`, a column of the table."""

from __future__ import annotations

from core.api import join_own_company
from plugins.invoicing.public import Customer

CUSTOMER_NAME = Customer.__table__.c.name.label("customer")


def with_customer(query, model):
    """``query`` (of payments, live or with the archived: ``model``) with each payment's
    customer of the same company joined."""
    return join_own_company(query, model, Customer, model.customer_id)
