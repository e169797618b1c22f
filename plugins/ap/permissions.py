"""Who may do what in accounts payable."""

from core.api import Permission

ADMIN, FINANCE = "COMPANY_ADMIN", "FINANCE_USER"
BOTH = (ADMIN, FINANCE)
READ, WRITE, APPROVE = "ap.read", "ap.write", "ap.approve"
OVERRIDE, CHANGE_SETTINGS, PAY = "ap.override", "ap.settings", "ap.pay"

PERMISSIONS = [
    Permission(READ, BOTH, "See vendors, purchase orders, receipts and bills", write=False),
    Permission(WRITE, BOTH, "Create vendors, purchase orders, receipts and bills"),
    Permission(APPROVE, BOTH, "Approve fully matched bills for payment"),
    Permission(PAY, BOTH, "Record and reverse payments of approved bills"),
    Permission(OVERRIDE, (ADMIN,), "Approve bills whose match is not clean, with a reason"),
    Permission(CHANGE_SETTINGS, (ADMIN,), "Change match tolerances and the duplicate policy"),
]
