"""Peppol panels inside invoicing's pages (template slots).

Invoicing offers no e-invoicing slot of its own on the invoice page, so the panel is added
to ``invoicing.invoice.payments`` (below the document, outside its live-refreshing block).
"""

from __future__ import annotations

from flask import render_template
from markupsafe import Markup

INVOICE_SLOT, CUSTOMER_SLOT = "invoicing.invoice.payments", "invoicing.customer.detail"


def render_slot(slot, context):
    if slot == INVOICE_SLOT:
        from plugins.peppol.views.invoice_panel import render_panel

        return Markup(render_panel(context["invoice"]))
    if slot == CUSTOMER_SLOT:
        return Markup(_customer(context["customer"]))
    return None


def _customer(customer) -> str:
    from core.api import may
    from plugins.peppol import lookup, participants
    from plugins.peppol.permissions import READ

    if not may(READ) or not customer.peppol_id:
        return ""
    check = participants.check(customer.peppol_id)
    row = lookup.cached(customer.company_id, check.participant_id) if check.valid_format else None
    return render_template("peppol/_customer_panel.html", customer=customer, check=check, row=row)
