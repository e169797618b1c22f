"""The invoice list's sortable columns, shared by the page (``sort=-total``) and the API."""

from __future__ import annotations

from core.api import SortColumn, Sorting
from plugins.invoicing.invoice_customer import CUSTOMER_NAME
from plugins.invoicing.models import Invoice

INVOICES = Sorting(
    columns={
        "number": SortColumn(Invoice.number),
        "customer": SortColumn(CUSTOMER_NAME, lambda row: row.customer.name),
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
