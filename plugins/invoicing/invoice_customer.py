"""An invoice list's customer: its name read from a LEFT JOIN of the customer table on the
invoice's own company (``core.api.join_own_company`` says why not the ``Customer`` entity).
Read the name as :data:`CUSTOMER_NAME`, a column of the table."""

from __future__ import annotations

from core.api import join_own_company
from plugins.invoicing.models import Customer, Invoice

CUSTOMER_NAME = Customer.__table__.c.name


def with_customer(query):
    """``query`` (of invoices) with each invoice's customer of the same company joined."""
    return join_own_company(query, Invoice, Customer, Invoice.customer_id)
