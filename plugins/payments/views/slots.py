"""The payments plugin's answer to ``render_slot``: an invoice's payments, a customer's credit."""

from __future__ import annotations

from plugins.payments.credit.panel import render_slot as credit_slot
from plugins.payments.views.invoice_payments import render_slot as payments_slot


def render_slot(slot: str, context: dict):
    return payments_slot(slot, context) or credit_slot(slot, context)
