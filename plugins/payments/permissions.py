"""Who may do what with payments and refunds."""

from core.api import Permission

ADMIN, FINANCE = "COMPANY_ADMIN", "FINANCE_USER"
BOTH = (ADMIN, FINANCE)
READ, WRITE = "payments.payment.read", "payments.payment.write"
APPROVE, ADMINISTER = "payments.refund.approve", "payments.admin"

PERMISSIONS = [
    Permission(READ, BOTH, "See payments and refunds", write=False),
    Permission(WRITE, BOTH, "Record and reverse payments, request refunds"),
    Permission(APPROVE, (ADMIN,), "Approve, process and reject refunds"),
    Permission(
        ADMINISTER, (ADMIN,), "See payment stats, archive old payments, export company data"
    ),
]
