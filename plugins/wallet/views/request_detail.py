"""/wallet/requests/<id>: one stablecoin payment request as staff see it: its invoice, the
address and amount asked, its state, the transfers seen on chain, and the payer's page."""

from __future__ import annotations

from flask_login import login_required

from core.api import get_or_404, render, require
from plugins.invoicing.public import Invoice
from plugins.wallet.models import PaymentRequest
from plugins.wallet.permissions import READ
from plugins.wallet.views import bp


@bp.get("/requests/<int:request_id>")
@login_required
def request_detail(request_id: int):
    require(READ)
    found = get_or_404(PaymentRequest, request_id, "payment request")
    invoice = get_or_404(Invoice, found.invoice_id, "invoice")
    return render("wallet/request_detail.html", request_=found, invoice=invoice)
