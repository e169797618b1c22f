"""/wallet/: the wallet admin page — settings, provider health, requests, reconciliation.

Reconciliation runs as the ``wallet.reconcile`` job; the page shows the latest one through
core's job partial and lists its differences (never corrected automatically).
"""

from __future__ import annotations

from flask_login import login_required
from flask_wtf import FlaskForm
from sqlalchemy import select

from core.api import ApiError, _, current_actor, db, enqueue_job, latest_job, render, require
from plugins.invoicing.public import Invoice
from plugins.wallet import health, settings
from plugins.wallet.models import PaymentRequest
from plugins.wallet.permissions import ADMINISTER
from plugins.wallet.views import bp

ADMIN = ADMINISTER
RECONCILE_JOB = "wallet.reconcile"


class ReconcileForm(FlaskForm):
    """Only the CSRF token: the job reconciles every address and the scanned blocks."""


def _require_admin():
    require(ADMIN)
    return current_actor()


RPC_SETTING = "LEDGERLINE_WALLET_RPC_URLS"


def _health(chain_id: int) -> dict:
    try:
        return health.report(chain_id)
    except ApiError:
        # The page says it in the reader's words; the API keeps the machine message.
        message = _("No RPC provider is configured: set %(setting)s.", setting=RPC_SETTING)
        return {"status": "unconfigured", "providers": [], "error": message}


def _page(actor, notice=None, status=200):
    config = settings.current(actor.company_id)
    query = (
        select(PaymentRequest, Invoice.number)
        .join(Invoice, Invoice.id == PaymentRequest.invoice_id)
        .order_by(PaymentRequest.id.desc())
        .limit(50)
    )
    return render(
        "wallet/admin.html",
        config=config,
        health=_health(config["chain_id"]),
        requests=db.session.execute(query).all(),
        job=latest_job(RECONCILE_JOB, actor.company_id),
        form=ReconcileForm(formdata=None),
        may_write=actor.can_write,
        notice=notice,
        status=status,
    )


@bp.get("/")
@login_required
def admin():
    return _page(_require_admin())


@bp.post("/reconcile")
@login_required
def reconcile_start():
    actor = _require_admin()
    if not ReconcileForm().validate():
        return _page(actor, status=400)
    job = enqueue_job(RECONCILE_JOB, {}, company_id=actor.company_id, user_id=actor.user_id)
    return _page(actor, notice=_("Reconciliation job #%(id)s started.", id=job.id))
