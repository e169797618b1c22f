"""Who may do what with Peppol."""

from core.api import Permission

ADMIN, FINANCE = "COMPANY_ADMIN", "FINANCE_USER"
BOTH = (ADMIN, FINANCE)
READ, SEND, MANAGE = "peppol.read", "peppol.send", "peppol.manage"

PERMISSIONS = [
    Permission(READ, BOTH, "See Peppol transmissions, inbox runs and provider health", False),
    Permission(SEND, BOTH, "Send documents via Peppol and fetch the inbox"),
    Permission(MANAGE, (ADMIN,), "Manage Peppol provider accounts, webhooks and settings"),
]
