"""Human labels for AP's record kinds and events (registered through ``code_labels``), and
the page of each record kind (``record_url``) for links in the activity feed and audit log."""

from __future__ import annotations

from core.api import lazy_gettext as _l
from core.api import record_pages

RECORD_TYPES = {
    "purchase_order": _l("purchase order"),
    "goods_receipt": _l("goods receipt"),
    "bill": _l("vendor bill"),
    "vendor": _l("vendor"),
}

EVENTS = {
    "PurchaseOrderCreated": _l("%(actor)s created purchase order %(record)s"),
    "PurchaseOrderUpdated": _l("%(actor)s changed purchase order %(record)s"),
    "PurchaseOrderSent": _l("%(actor)s sent purchase order %(record)s"),
    "PurchaseOrderClosed": _l("%(actor)s closed purchase order %(record)s"),
    "PurchaseOrderCancelled": _l("%(actor)s cancelled purchase order %(record)s"),
    "GoodsReceived": _l("%(actor)s recorded goods receipt %(record)s"),
    "BillCreated": _l("%(actor)s entered vendor bill %(record)s"),
    "BillMatched": _l("%(actor)s matched vendor bill %(record)s"),
    "BillApproved": _l("%(actor)s approved vendor bill %(record)s"),
    "BillRejected": _l("%(actor)s rejected vendor bill %(record)s"),
    "BillPaymentRecorded": _l("%(actor)s recorded a payment on vendor bill %(record)s"),
    "BillPaymentReversed": _l("%(actor)s reversed a payment on vendor bill %(record)s"),
    "BillPaid": _l("Vendor bill %(record)s is paid"),
}

BILL_STATUSES = {
    "DRAFT": _l("Draft"),
    "MATCHED": _l("Matched"),
    "APPROVED": _l("Approved"),
    "PARTIALLY_PAID": _l("Partially paid"),
    "PAID": _l("Paid"),
    "REJECTED": _l("Rejected"),
}

ORDER_STATUSES = {
    "DRAFT": _l("Draft"),
    "SENT": _l("Sent"),
    "CLOSED": _l("Closed"),
    "CANCELLED": _l("Cancelled"),
}

MATCH_STATUSES = {
    "FULL_MATCH": _l("Full match"),
    "VARIANCE_DETECTED": _l("Variance detected"),
    "PARTIAL_MATCH": _l("Partial match"),
    "NOT_MATCHED": _l("Not matched"),
}

BILLING = {
    "nothing_to_bill": _l("Nothing to bill"),
    "waiting_bills": _l("Waiting for bills"),
    "fully_billed": _l("Fully billed"),
}

MATCH_TYPES = {"three_way": _l("3-way"), "two_way": _l("2-way")}

LINK_METHODS = {
    "order_line_reference": _l("the order line reference"),
    "explicit": _l("the order line given"),
    "manual": _l("hand"),
    "item_code": _l("item code"),
    "description": _l("description"),
}

SETTINGS = {
    "full_match_limit": _l("Full match limit"),
    "price_tolerance_percent": _l("Price tolerance (%)"),
    "price_tolerance_amount": _l("Price tolerance (amount)"),
    "quantity_tolerance_percent": _l("Quantity tolerance (%)"),
    "quantity_tolerance_amount": _l("Quantity tolerance (amount)"),
    "over_receipt_percent": _l("Over-receipt allowed (%)"),
}

JOBS = {
    "ap.import_zip": _l("Import a ZIP of e-invoices as bills"),
    "ap.rematch_open_bills": _l("Match open bills again"),
}

JOB_DESCRIPTIONS = {
    "ap.rematch_open_bills": _l(
        "Matches every open bill again, oldest first, and counts the bills by result."
    ),
}

JOB_RESULTS = {
    "filename": _l("File"),
    "imported": _l("Imported"),
    "refused": _l("Refused"),
    "files": _l("Files"),
    "changed": _l("Changed"),
    "bills": _l("Bills"),
    "match_status": _l("Match"),
}

record_url = record_pages(
    {
        "purchase_order": ("ap.order_detail", "order_id"),
        "goods_receipt": ("ap.receipt_detail", "receipt_id"),
        "bill": ("ap.bill_review", "bill_id"),
    }
)


def code_labels() -> dict:
    return {
        "record_type": RECORD_TYPES,
        "event": EVENTS,
        "ap_bill_status": BILL_STATUSES,
        "ap_order_status": ORDER_STATUSES,
        "ap_match": MATCH_STATUSES,
        "ap_billing": BILLING,
        "ap_match_type": MATCH_TYPES,
        "ap_link_method": LINK_METHODS,
        "ap_setting": SETTINGS,
        "job": JOBS,
        "job_description": JOB_DESCRIPTIONS,
        "job_result": JOB_RESULTS,
        "job_result.match_status": MATCH_STATUSES,
    }
