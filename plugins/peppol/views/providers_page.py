"""/peppol/providers: the company's provider accounts; credentials are write-only here."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import select

from core.api import DomainError, _, company_id, db, may, record_page, render, require
from plugins.peppol import circuit, manage
from plugins.peppol.models import ProviderAccount
from plugins.peppol.permissions import MANAGE, READ
from plugins.peppol.providers.registry import provider_types
from plugins.peppol.views import bp

FORM_FIELDS = (
    "name",
    "type",
    "priority",
    "base_url",
    "api_key",
    "client_id",
    "client_secret",
    "token",
    "token_secret",
    "tenant_id",
)


def _page(status=200, error=None, errors=None, values=None):
    rows = db.session.scalars(
        select(ProviderAccount).order_by(ProviderAccount.priority, ProviderAccount.id)
    ).all()
    return render(
        "peppol/providers.html",
        rows=rows,
        types=provider_types(),
        circuit_of=lambda a: circuit.state_of(a.circuit_opened_at),
        can_manage=may(MANAGE),
        error=error,
        errors=errors or {},
        values=values or {},
    ), status


@bp.get("/providers")
@login_required
def providers():
    require(READ)
    return _page()


def _body(form) -> dict:
    data = {k: form.get(k, "").strip() for k in FORM_FIELDS if form.get(k, "").strip()}
    if "priority" in data and data["priority"].isdigit():
        data["priority"] = int(data["priority"])
    tenant = data.pop("tenant_id", None)
    if tenant:
        data["settings"] = {"tenant_id": tenant}
    data["outbound"] = form.get("outbound") == "on"
    return data


@bp.post("/providers")
@login_required
def providers_add():
    require(MANAGE)
    data = _body(request.form)
    try:
        manage.create(company_id(), data)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        kept = {
            k: v for k, v in request.form.items() if k in ("name", "type", "priority", "base_url")
        }
        return _page(422, exc.message, exc.details.get("fields", exc.details), kept)
    flash(_("Provider added."), "success")
    return redirect(url_for("peppol.providers"), 303)


@bp.post("/providers/<int:provider_id>/<any(delete, enable, disable):action>")
@record_page(ProviderAccount, MANAGE, "provider account")
def providers_action(account: ProviderAccount, action: str):
    if action == "delete":
        manage.remove(account)
    else:
        manage.change(account, {"enabled": action == "enable"})
    db.session.commit()
    done = {
        "delete": _("Provider removed."),
        "enable": _("Provider enabled."),
        "disable": _("Provider disabled."),
    }
    flash(done[action], "success")
    return redirect(url_for("peppol.providers"), 303)
