"""Who may use the e-invoice tools."""

from core.api import Permission

ADMIN, FINANCE = "COMPANY_ADMIN", "FINANCE_USER"

PERMISSIONS = [
    Permission(
        "einvoice.document.validate",
        (ADMIN, FINANCE),
        "Check UBL documents against the official rules",
        write=False,
    ),
    Permission("einvoice.settings.read", (ADMIN, FINANCE), "See e-invoice settings", write=False),
    Permission("einvoice.settings.write", (ADMIN,), "Choose the required e-invoice profiles"),
]
