"""A bill changed by someone else while this user reviewed it.

Every form of the review page carries the version it was shown at (``_version``). Relinking a
line against an older version shows core's merge page (``core.api.StaleMerge``) with the
bill's links as fields: per line, the PO line it had, the one this user chose and the one
stored now; the chosen links are then saved against the version stored now. Approving,
rejecting or matching again against an older version is refused (nothing is done) and the
page shows the bill as it is now: a decision is taken on what was reviewed, or not at all.
"""

from __future__ import annotations

from flask import flash, redirect, request, url_for

from core.api import StaleMerge, _, form_version, last_editor, load_payload
from plugins.ap.models import Bill
from plugins.ap.services import bills

NONE = ""


def links(bill: Bill) -> dict:
    """The bill's links as a form would hold them: ``line-<id>`` → PO line id (text)."""
    return {f"line-{line.id}": str(line.order_line_id or NONE) for line in bill.lines}


def _labels(bill: Bill):
    names = {
        f"line-{line.id}": _("Line %(n)s: %(text)s", n=n, text=line.description)
        for n, line in enumerate(bill.lines, 1)
    }
    return lambda name: names.get(name, name)


def _show(bill_lines: dict):
    def show(name: str, value):
        if not value:
            return _("No PO line")
        return bill_lines.get(str(value), value)

    return show


def _po_lines(bill: Bill) -> dict:
    return {
        str(pl.id): f"{pl.position}. {pl.description}"
        for pl in (bill.order.lines if bill.order else [])
    }


def review_url(bill: Bill) -> str:
    return url_for("ap.bill_review", bill_id=bill.id)


def merge_for(bill: Bill) -> StaleMerge:
    return StaleMerge(
        kind="bill",
        snapshot=links,
        form=lambda payload: {},
        edit_url=lambda b: url_for("ap.bill_links", bill_id=b.id),
        back_url=review_url,
        back_label=lambda b: _("Bill %(number)s", number=b.vendor_invoice_number),
        reload_url=review_url,
        show=_show(_po_lines(bill)),
        labels=_labels,
    )


def relink_refusal(bill: Bill, line_id: int, target: int | None):
    """The merge page when the relink was chosen on an older version of the bill: the links
    the page showed (``_original``) with this user's one change, against the links now."""
    mine = load_payload(request.form.get("_original")) | {f"line-{line_id}": str(target or NONE)}
    return merge_for(bill).refusal(bill, mine)


def decision_refusal(bill: Bill):
    """Approve, reject or match again on an older version: refused, the page shows it now."""
    opened = form_version(request.form.get("_version"))
    if opened is None or opened == bill.version:
        return None
    who = last_editor("bill", bill.id, bill.company_id) or _("Someone else")
    message = _(
        "%(name)s changed this bill after you opened it; nothing was done. "
        "Check it as it is now, then decide again.",
        name=who,
    )
    flash(message, "warning")
    return redirect(review_url(bill), 303)


def save_links(bill: Bill, payload: dict) -> Bill | None:
    """Apply the merge page's links that differ from what is stored now."""
    now = links(bill)
    for name, value in payload.items():
        if name in now and now[name] != (value or NONE):
            target = int(value) if str(value).isdigit() else None
            bill = bills.relink(bill, int(name.removeprefix("line-")), target)
    return bill
