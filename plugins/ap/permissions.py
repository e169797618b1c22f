"""Who may do what in accounts payable."""

from core.api import Permission

ADMIN, FINANCE = "COMPANY_ADMIN", "FINANCE_USER"
BOTH = (ADMIN, FINANCE)

PERMISSIONS = [
    Permission("ap.read", BOTH, "See vendors, purchase orders, receipts and bills", write=False),
    Permission("ap.write", BOTH, "Create vendors, purchase orders, receipts and bills"),
    Permission("ap.approve", BOTH, "Approve fully matched bills for payment"),
    Permission("ap.pay", BOTH, "Record and reverse payments of approved bills"),
    Permission("ap.override", (ADMIN,), "Approve bills whose match is not clean, with a reason"),
    Permission("ap.settings", (ADMIN,), "Change match tolerances and the duplicate policy"),
]
