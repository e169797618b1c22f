"""Who may use the e-invoice tools."""

from core.api import Permission

ADMIN, FINANCE = "COMPANY_ADMIN", "FINANCE_USER"
VALIDATE = "einvoice.document.validate"
SETTINGS_READ = "einvoice.settings.read"
SETTINGS_WRITE = "einvoice.settings.write"

PERMISSIONS = [
    Permission(
        VALIDATE,
        (ADMIN, FINANCE),
        "Check UBL documents against the official rules",
        write=False,
    ),
    Permission(SETTINGS_READ, (ADMIN, FINANCE), "See e-invoice settings", write=False),
    Permission(SETTINGS_WRITE, (ADMIN,), "Choose the required e-invoice profiles"),
]
