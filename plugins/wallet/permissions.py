"""Who may do what with the wallet."""

from core.api import Permission

ADMIN, FINANCE = "COMPANY_ADMIN", "FINANCE_USER"
BOTH = (ADMIN, FINANCE)

PERMISSIONS = [
    Permission("wallet.request.read", BOTH, "See stablecoin payment requests", write=False),
    Permission("wallet.request.write", BOTH, "Create and destroy stablecoin payment requests"),
    Permission("wallet.admin", (ADMIN,), "Wallet settings, health and reconciliation"),
]
