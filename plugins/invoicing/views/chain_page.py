"""/invoicing/chain: recompute the company's hash chain and name the first broken document."""

from __future__ import annotations

from flask_login import login_required

from core.api import company_id, render, require
from plugins.invoicing import chain as hash_chain
from plugins.invoicing.permissions import INVOICE_READ
from plugins.invoicing.views import bp


@bp.get("/chain")
@login_required
def chain():
    require(INVOICE_READ)
    report = hash_chain.verify_company(company_id())
    return render("invoicing/chain.html", report=report)
