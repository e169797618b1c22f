"""Who may do what with invoices and customers."""

from core.api import Permission

ADMIN, FINANCE = "COMPANY_ADMIN", "FINANCE_USER"
BOTH = (ADMIN, FINANCE)

PERMISSIONS = [
    Permission("invoicing.invoice.read", BOTH, "See invoices and credit notes", write=False),
    Permission("invoicing.invoice.write", BOTH, "Create, edit and delete draft invoices"),
    Permission("invoicing.invoice.finalize", BOTH, "Finalize drafts (number, hash, signature)"),
    Permission("invoicing.invoice.approve", (ADMIN,), "Approve and send finalized invoices"),
    Permission("invoicing.invoice.void", (ADMIN,), "Void invoices"),
    Permission("invoicing.customer.read", BOTH, "See customers", write=False),
    Permission("invoicing.customer.write", BOTH, "Create and edit customers"),
    Permission("invoicing.catalog.read", BOTH, "See the catalogue", write=False),
    Permission("invoicing.catalog.write", BOTH, "Add and change catalogue items"),
]
