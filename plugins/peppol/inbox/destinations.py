"""Where a valid received document goes: an AP vendor bill when the AP plugin is enabled,
else the company's ``http_forward`` destination."""

from __future__ import annotations

import importlib

from flask import current_app
from sqlalchemy import select

from core.api import db
from plugins.peppol.errors import ProviderError
from plugins.peppol.models import InboundDocument, ProviderAccount, Settings
from plugins.peppol.providers.base import InboxMessage, Outgoing
from plugins.peppol.providers.registry import adapter_for


def ap_enabled() -> bool:
    plugins = current_app.extensions["ledgerline.plugins"]
    return any(info.manifest.name == "ap" for info in plugins.enabled())


def deliver(company_id: int, row: InboundDocument, message: InboxMessage):
    if ap_enabled():
        return _to_ap(company_id, row, message)
    return _forward(company_id, row, message)


def _to_ap(company_id: int, row: InboundDocument, message: InboxMessage):
    """A vendor bill through AP's public ``import_bill`` (it does not commit; we do)."""
    ap = importlib.import_module("plugins.ap.public")
    try:
        result = ap.import_bill(company_id, message.xml, source=f"peppol:{message.message_id}")
    except ap.DuplicateBill as exc:
        row.status, row.bill_id = "duplicate", exc.bill_id
        row.error = f"AP already holds this bill ({exc.bill_id})"
        return "duplicates", None
    except ap.InvalidEInvoice as exc:
        row.status, row.rule_ids, row.error = "invalid", list(exc.rules), exc.message[:2000]
        return "invalid", f"{message.message_id}: refused by AP: {', '.join(exc.rules)}"
    row.status, row.bill_id = "imported", result.bill.id
    if result.warnings:
        row.error = "; ".join(result.warnings)[:2000]
    return "imported", None


def _forward_account(company_id: int) -> ProviderAccount | None:
    settings = db.session.scalar(select(Settings).where(Settings.company_id == company_id))
    if settings and settings.forward_provider_id:
        return db.session.get(ProviderAccount, settings.forward_provider_id)
    return db.session.scalar(
        select(ProviderAccount)
        .where(ProviderAccount.type == "http_forward", ProviderAccount.enabled.is_(True))
        .order_by(ProviderAccount.priority, ProviderAccount.id)
    )


def _forward(company_id: int, row: InboundDocument, message: InboxMessage):
    account = _forward_account(company_id)
    if account is None:
        return "failed", f"{message.message_id}: no AP plugin and no http_forward destination"
    adapter = adapter_for(account)
    doc = Outgoing(
        xml=message.xml,
        instance_id=row.sha256[:36],
        sender_id=row.sender_id,
        receiver_id="forward",
        document_type="invoice",
        profile=row.profile or "",
        number=row.number,
    )
    db.session.commit()  # no transaction open during the call
    try:
        adapter.send(doc)
    except ProviderError as exc:
        return "failed", f"{message.message_id}: forward to {account.name} failed: {exc.message}"
    row.status = "forwarded"
    return "imported", None
