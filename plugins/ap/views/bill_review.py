"""/ap/bills/<id>: the review page. PO, goods receipts and bill lines side by side, each variance
with the tolerance that decided it, the audit timeline; approve, override, reject, relink."""

from __future__ import annotations

from collections import defaultdict

from flask import flash, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import select

from core.api import (
    DomainError,
    _,
    audit_timeline,
    current_actor,
    db,
    dump_payload,
    editable,
    field_sentences,
    get_or_404,
    may,
    merge_back,
    query_id,
    render,
    require,
)
from core.api import (
    lazy_gettext as _l,
)
from plugins.ap.api.common import commit
from plugins.ap.models import Bill, GoodsReceipt, GoodsReceiptLine
from plugins.ap.models.bill import OPEN_STATUSES
from plugins.ap.permissions import APPROVE, OVERRIDE, READ, WRITE
from plugins.ap.services import approval, bills, importing, match_run
from plugins.ap.views import bp
from plugins.ap.views.bill_payments import payments_context
from plugins.ap.views.bill_stale import (
    decision_refusal,
    links,
    merge_for,
    relink_refusal,
    save_links,
)
from plugins.ap.views.match_reasons import reason_text

editable(Bill, WRITE)  # the review page's room: who else reviews it, "saved just now"

STATE_TEXT = {
    "full": _l("Matches"),
    "variance": _l("Variance within tolerance"),
    "beyond": _l("Beyond tolerance"),
    "unmatched": _l("No PO line"),
}


def _receipts_by_line(bill: Bill) -> dict[int, list]:
    if not bill.order_id:
        return {}
    query = (
        select(GoodsReceiptLine, GoodsReceipt)
        .join(GoodsReceipt, GoodsReceipt.id == GoodsReceiptLine.receipt_id)
        .where(GoodsReceipt.order_id == bill.order_id)
        .order_by(GoodsReceipt.id)
    )
    found_lines = defaultdict(list)
    for line, receipt in db.session.execute(query):
        found_lines[line.order_line_id].append((receipt, line))
    return found_lines


def review_context(bill: Bill) -> dict:
    matches = {m["bill_line_id"]: m for m in (bill.match_result or {}).get("lines", [])}
    receipts = _receipts_by_line(bill)
    rows = [
        {
            "line": line,
            "match": matches.get(line.id, {}),
            "po_line": line.order_line,
            "receipts": receipts.get(line.order_line_id, []),
        }
        for line in bill.lines
    ]
    return {
        "bill": bill,
        "rows": rows,
        "match": bill.match_result or {},
        "state_text": STATE_TEXT,
        "reason_text": reason_text,
        "po_lines": bill.order.lines if bill.order else [],
        "timeline": audit_timeline("bill", bill.id, bill.company_id),
        "has_document": importing.document_of(bill.id) is not None,
        "is_open": bill.status in OPEN_STATUSES,
        "can_write": may(WRITE),
        "can_approve": may(APPROVE),
        "can_override": may(OVERRIDE),
        "links_json": dump_payload(links(bill)),
        **payments_context(bill),
    }


@bp.get("/bills/<int:bill_id>")
@login_required
def bill_review(bill_id: int):
    require(READ)
    bill = get_or_404(Bill, bill_id)
    return render("ap/bill_review.html", block="review", **review_context(bill))


def act(bill_id: int, permission: str, action, done: str, refusal=decision_refusal):
    """Run ``action(bill)``, commit, flash; a refusal is flashed with the fields it names.
    A form shown at an older version of the bill gets ``refusal(bill)`` instead."""
    require(permission)
    bill = get_or_404(Bill, bill_id)
    if (refused := refusal(bill)) is not None:
        return refused
    try:
        action(bill)
        commit()
        flash(done, "success")
    except DomainError as exc:
        db.session.rollback()
        fields = (exc.details or {}).get("fields") or {}
        labels = {"reason": _("Reason"), "amount": _("Amount"), "paid_on": _("Date")}
        flash(" ".join([exc.message, *field_sentences(fields, labels)]), "error")
    return redirect(url_for("ap.bill_review", bill_id=bill_id))


def _reason() -> str | None:
    return (request.form.get("reason") or "").strip()[:2000] or None


@bp.post("/bills/<int:bill_id>/approve")
@login_required
def bill_approve(bill_id: int):
    def action(bill):
        approval.approve(bill, current_actor(), _reason())

    return act(bill_id, APPROVE, action, _("Bill approved for payment."))


@bp.post("/bills/<int:bill_id>/reject")
@login_required
def bill_reject(bill_id: int):
    return act(bill_id, APPROVE, lambda b: approval.reject(b, _reason()), _("Bill rejected."))


@bp.post("/bills/<int:bill_id>/match")
@login_required
def bill_rematch(bill_id: int):
    return act(bill_id, WRITE, match_run.run, _("Matched again."))


@bp.post("/bills/<int:bill_id>/lines/<int:line_id>")
@login_required
def bill_relink(bill_id: int, line_id: int):
    target = query_id("po_line_id", request.form)
    return act(
        bill_id,
        WRITE,
        lambda b: bills.relink(b, line_id, target),
        _("Line linked."),
        lambda b: relink_refusal(b, line_id, target),
    )


@bp.post("/bills/<int:bill_id>/links")
@login_required
def bill_links(bill_id: int):
    """The merge page's answer: the chosen links saved against the version it showed."""
    require(WRITE)
    bill = get_or_404(Bill, bill_id)

    def apply(payload):
        return save_links(bill, payload)

    return merge_back(merge_for(bill), bill, apply, commit, _("Links saved."))
