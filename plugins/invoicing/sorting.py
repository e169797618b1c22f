"""The invoice list's sortable columns, shared by the page (``sort=-total``) and the API."""

from __future__ import annotations

from core.api import SortColumn, Sorting
from plugins.invoicing.models import Customer, Invoice

INVOICES = Sorting(
    columns={
        "number": SortColumn(Invoice.number),
        "customer": SortColumn(Customer.name, lambda row: row.customer.name),
        "date": SortColumn(Invoice.issue_date),
        "due": SortColumn(Invoice.due_date),
        "total": SortColumn(Invoice.total),
        "amount_due": SortColumn(Invoice.amount_due),
        "status": SortColumn(Invoice.status),
        "payment": SortColumn(Invoice.payment_status),
        "id": SortColumn(Invoice.id),
    },
    default="-date",
    id=Invoice.id,
    aliases={"issue_date": "date", "due_date": "due", "payment_status": "payment"},
)
