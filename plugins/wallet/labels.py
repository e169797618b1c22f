"""Human labels for the wallet's codes (registered through ``code_labels``): payment request
statuses and exceptions, provider health and breaker states, events and record kinds."""

from __future__ import annotations

from core.api import lazy_gettext as _l

STATUSES = {
    "New": _l("Waiting for payment"),
    "Processing": _l("Processing"),
    "Settled": _l("Settled"),
    "Expired": _l("Expired"),
    "Invalid": _l("Invalid"),
}

EXCEPTIONS = {
    "PaidPartial": _l("Paid in part"),
    "PaidOver": _l("Paid too much"),
    "PaidLate": _l("Paid late"),
    "Marked": _l("Marked by hand"),
}

HEALTH = {"ok": _l("All right"), "down": _l("Down"), "unconfigured": _l("Not set up")}

BREAKER = {
    "closed": _l("Closed (in use)"),
    "open": _l("Open (skipped)"),
    "half-open": _l("Half-open (trying again)"),
}

MODES = {"hd": _l("HD addresses"), "virtual": _l("Virtual addresses")}

EVENTS = {
    "WalletPaymentDetected": _l("A stablecoin payment arrived for request %(record)s"),
    "WalletStatusChanged": _l("Stablecoin payment request %(record)s changed status"),
}

RECORD_TYPES = {"wallet_payment_request": _l("stablecoin payment request")}

JOBS = {
    "wallet.scan": _l("Scan the chain for stablecoin payments"),
    "wallet.bulk_requests": _l("Create stablecoin payment requests in bulk"),
    "wallet.reconcile": _l("Reconcile the wallet with the chain"),
}

# The payment method this plugin adds to the payments plugin (``payments_methods``).
METHODS = {"stablecoin": _l("Stablecoin")}

JOB_RESULTS = {
    "checked": _l("Checked"),
    "differences": _l("Differences"),
    "transfers": _l("Transfers"),
    "missing_from_ledger": _l("Missing from the ledger"),
    "not_on_chain": _l("Not on chain"),
    "balances": _l("Balances"),
    "rescan": _l("Re-scan"),
    "range": _l("Blocks"),
}


def code_labels() -> dict:
    return {
        "wallet_status": STATUSES,
        "wallet_exception": EXCEPTIONS,
        "wallet_health": HEALTH,
        "wallet_breaker": BREAKER,
        "wallet_mode": MODES,
        "event": EVENTS,
        "record_type": RECORD_TYPES,
        "job": JOBS,
        "job_result": JOB_RESULTS,
        "method": METHODS,
    }
