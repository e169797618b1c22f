"""Approval for payment, rejection, and PAID.

A FULL_MATCH bill is approved by anyone with ``ap.approve``. Any other result needs
``ap.override`` and a written reason; the override is recorded in the audit log with the
variances as they were at that moment. The bill row is locked and re-matched first, so the
decision is taken on the current receipts and PO.
"""

from __future__ import annotations

from core.api import ApiError, ValidationFailed, bump_version, db, lock_in, status_word, utcnow
from core.api import gettext as _
from plugins.ap.models.bill import (
    APPROVED,
    FULL_MATCH,
    MATCHED,
    OPEN_STATUSES,
    PAID,
    REJECTED,
    Bill,
)
from plugins.ap.permissions import OVERRIDE
from plugins.ap.services import match_run, notify


def approve(bill: Bill, actor, reason: str | None) -> Bill:
    bill = lock_in(
        Bill,
        bill.id,
        OPEN_STATUSES,
        "bill_not_open",
        _("A bill that is {status} cannot be approved."),
        kind="ap_bill_status",
    )
    bill = match_run.run(bill, announce=False)
    clean = bill.match_status == FULL_MATCH
    if not clean:
        _check_override(bill, actor, reason)
    bill.status, bill.approved_at = APPROVED, utcnow()
    bill.approved_by_id = getattr(actor, "user_id", None)
    bill.override_reason = None if clean else reason
    bump_version(bill)
    db.session.flush()
    data = {"match_status": bill.match_status, "override": not clean}
    if not clean:
        data.update(reason=reason, variances=_variances(bill))
    notify.announce("BillApproved", "bill_approved", "bill", bill, data)
    return bill


def _check_override(bill: Bill, actor, reason: str | None) -> None:
    missing, named = [], []  # the details' English words (the API's), the message's
    if not actor.can(OVERRIDE):
        missing.append("the permission ap.override")
        named.append(_("the permission ap.override"))
    if not reason:
        missing.append("a written reason")
        named.append(_("a written reason"))
    if missing:
        raise ApiError(
            409,
            "match_not_clean",
            _(
                "The bill is %(bill_match_status)s: approving it needs %(names)s.",
                bill_match_status=status_word("ap_match", bill.match_status),
                names=named[0] if len(named) == 1 else _("%(a)s and %(b)s", a=named[0], b=named[1]),
            ),
            {"match_status": bill.match_status, "missing": missing},
        )


def _variances(bill: Bill) -> dict:
    result = bill.match_result or {}
    keep = ("po_line_id", "quantity_variance", "price_variance", "amount_variance", "state")
    return {
        "total_variance": result.get("total_variance"),
        "lines": [{k: line.get(k) for k in keep} for line in result.get("lines", [])],
    }


def reject(bill: Bill, reason: str | None) -> Bill:
    bill = lock_in(
        Bill,
        bill.id,
        (*OPEN_STATUSES, APPROVED),
        "bill_not_open",
        _("A bill that is {status} cannot be rejected."),
        kind="ap_bill_status",
    )
    if not reason:
        raise ValidationFailed({"reason": _("is required")}, _("Say why the bill is rejected."))
    bill.status, bill.rejection_reason = REJECTED, reason
    bump_version(bill)
    db.session.flush()
    notify.announce("BillRejected", "ap_bill_changed", "bill", bill, {"reason": reason})
    return bill


def mark_paid(bill: Bill) -> Bill:
    """Called when the payments side reports the bill paid in full."""
    bill = lock_in(
        Bill, bill.id, (APPROVED,), "bill_not_approved", _("Only an approved bill can be paid.")
    )
    return notify.moved(bill, PAID, "paid_at", ("BillPaid", "ap_bill_changed", "bill"))


__all__ = ["MATCHED", "approve", "mark_paid", "reject"]
