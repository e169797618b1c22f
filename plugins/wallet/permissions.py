"""Who may do what with the wallet."""

from core.api import Permission

ADMIN, FINANCE = "COMPANY_ADMIN", "FINANCE_USER"
BOTH = (ADMIN, FINANCE)
READ = "wallet.request.read"
WRITE = "wallet.request.write"
ADMINISTER = "wallet.admin"

PERMISSIONS = [
    Permission(READ, BOTH, "See stablecoin payment requests", write=False),
    Permission(WRITE, BOTH, "Create and destroy stablecoin payment requests"),
    Permission(ADMINISTER, (ADMIN,), "Wallet settings, health and reconciliation"),
]
