"""Who may do what with payments and refunds."""

from core.api import Permission

ADMIN, FINANCE = "COMPANY_ADMIN", "FINANCE_USER"
BOTH = (ADMIN, FINANCE)

PERMISSIONS = [
    Permission("payments.payment.read", BOTH, "See payments and refunds", write=False),
    Permission("payments.payment.write", BOTH, "Record and reverse payments, request refunds"),
    Permission("payments.refund.approve", (ADMIN,), "Approve, process and reject refunds"),
    Permission(
        "payments.admin", (ADMIN,), "See payment stats, archive old payments, export company data"
    ),
]
