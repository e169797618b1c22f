"""Who may do what with invoices and customers."""

from core.api import Permission

ADMIN, FINANCE = "COMPANY_ADMIN", "FINANCE_USER"
BOTH = (ADMIN, FINANCE)
INVOICE_READ = "invoicing.invoice.read"
INVOICE_WRITE = "invoicing.invoice.write"
INVOICE_FINALIZE = "invoicing.invoice.finalize"
INVOICE_APPROVE = "invoicing.invoice.approve"
INVOICE_VOID = "invoicing.invoice.void"
CUSTOMER_READ = "invoicing.customer.read"
CUSTOMER_WRITE = "invoicing.customer.write"
CATALOG_READ = "invoicing.catalog.read"
CATALOG_WRITE = "invoicing.catalog.write"

PERMISSIONS = [
    Permission(INVOICE_READ, BOTH, "See invoices and credit notes", write=False),
    Permission(INVOICE_WRITE, BOTH, "Create, edit and delete draft invoices"),
    Permission(INVOICE_FINALIZE, BOTH, "Finalize drafts (number, hash, signature)"),
    Permission(INVOICE_APPROVE, (ADMIN,), "Approve and send finalized invoices"),
    Permission(INVOICE_VOID, (ADMIN,), "Void invoices"),
    Permission(CUSTOMER_READ, BOTH, "See customers", write=False),
    Permission(CUSTOMER_WRITE, BOTH, "Create and edit customers"),
    Permission(CATALOG_READ, BOTH, "See the catalogue", write=False),
    Permission(CATALOG_WRITE, BOTH, "Add and change catalogue items"),
]
