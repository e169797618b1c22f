"""PAID: an approved bill paid in full by the payments side.

Whoever pays vendors (the payments plugin, when it is enabled and pays bills) publishes
``DomainEvent("VendorBillPaid", "bill", bill_id, company_id, {"paid_in_full": True})``; the
bill, locked and re-checked, then moves from APPROVED to PAID. A partial payment changes
nothing here.
"""

from __future__ import annotations

from core.api import DomainError, Scope, lock_or_404, scoped
from plugins.ap.services import approval

EVENT = "VendorBillPaid"


def on_event(event) -> None:
    if event.name != EVENT or not (event.data or {}).get("paid_in_full"):
        return
    from plugins.ap.models import Bill

    with scoped(Scope(company_id=event.company_id)):
        try:
            approval.mark_paid(lock_or_404(Bill, int(event.record_id)))
        except DomainError:
            return  # not approved (or unknown): paying it is the payer's mistake, not ours
