"""/payments/<id> of an archived payment: the record as it was kept, read only.

Archiving moves old payments (with their allocations and refunds) to the archive tables;
the payments list still shows them with "Include archived", and each keeps a page of its own
here instead of a link to its API record. Nothing can be done to it: no reversal, no refund.
"""

from __future__ import annotations

from sqlalchemy import select

from core.api import db, render
from plugins.payments.archive.models import PaymentAny, RefundArchive
from plugins.payments.forms import method_label
from plugins.payments.labels import reference_shown
from plugins.payments.views.common import customer_names, invoices_by_id


def render_archived(payment: PaymentAny):
    refunds = select(RefundArchive).where(
        RefundArchive.payment_id == payment.id, RefundArchive.company_id == payment.company_id
    )
    return render(
        "payments/payment_archived.html",
        payment=payment,
        customer=customer_names([payment.customer_id]).get(payment.customer_id),
        invoices=invoices_by_id(a.invoice_id for a in payment.allocations),
        refunds=db.session.scalars(refunds.order_by(RefundArchive.id)).all(),
        method_label=method_label,
        reference_shown=reference_shown,
    )
