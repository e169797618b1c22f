"""/invoicing/invoices/<id>: the document, its actions, audit timeline, integrity and presence."""

from __future__ import annotations

from flask import current_app
from flask_login import login_required

from core.api import audit_timeline, current_actor, get_or_404, render, require
from core.api import lazy_gettext as _l
from plugins.einvoice.public import codes
from plugins.invoicing import mapping
from plugins.invoicing.forms import CreditNoteForm
from plugins.invoicing.labels import VOID_ACTION
from plugins.invoicing.models import APPROVED, DRAFT, FINALIZED, INVOICE, SENT, VOID, Invoice
from plugins.invoicing.permissions import (
    INVOICE_APPROVE,
    INVOICE_FINALIZE,
    INVOICE_READ,
    INVOICE_VOID,
    INVOICE_WRITE,
)
from plugins.invoicing.services import einvoice_gate
from plugins.invoicing.services.verify import verify_invoice
from plugins.invoicing.views import bp
from plugins.invoicing.views.common import amounts

XML_PROFILES = (("peppol", "Peppol BIS 3.0"), ("pint-ae", "PINT-AE"))


def allowed_actions(invoice: Invoice, actor) -> list[tuple[str, str]]:
    """(action, label) pairs this actor may take on this invoice in its current status."""
    can = actor.can
    status = invoice.status
    # The bar's fixed order: the next step in the workflow first, then the everyday actions,
    # the destructive ones last (the template sets them apart).
    offers = [
        ("finalize", _l("Finalize"), status == DRAFT and can(INVOICE_FINALIZE)),
        ("approve", _l("Approve"), status == FINALIZED and can(INVOICE_APPROVE)),
        ("send", _l("Mark as sent"), status == APPROVED and can(INVOICE_APPROVE)),
        ("edit", _l("Edit"), status == DRAFT and can(INVOICE_WRITE)),
        ("duplicate", _l("Duplicate"), can(INVOICE_WRITE)),
        (
            "credit_note",
            _l("Credit note"),
            invoice.type == INVOICE and status not in (DRAFT, VOID) and can(INVOICE_WRITE),
        ),
        (
            "void",
            VOID_ACTION,
            status in (FINALIZED, APPROVED, SENT) and can(INVOICE_VOID),
        ),
        ("delete", _l("Delete draft"), status == DRAFT and can(INVOICE_WRITE)),
    ]
    return [(name, label) for name, label, ok in offers if ok and actor.can_write]


DESTRUCTIVE = ("void", "delete")


def _breakdown(invoice: Invoice) -> list[dict]:
    """The VAT rows: stored ones once finalized, computed ones for a draft."""
    if not invoice.is_draft:
        return [
            {
                "category": t.tax_category,
                "rate": t.tax_rate,
                "taxable": t.taxable_amount,
                "tax": t.tax_amount,
            }
            for t in invoice.taxes
        ]
    if not invoice.lines:
        return []
    groups = mapping.live_totals(invoice).groups
    return [
        {"category": g.category, "rate": g.rate, "taxable": g.taxable, "tax": g.tax} for g in groups
    ]


def detail_context(invoice: Invoice) -> dict:
    actor = current_actor()
    return {
        "invoice": invoice,
        "money": amounts(invoice),
        "breakdown": _breakdown(invoice),
        "actions": allowed_actions(invoice, actor),
        "destructive": DESTRUCTIVE,
        "timeline": audit_timeline("invoice", invoice.id, invoice.company_id),
        "integrity": verify_invoice(invoice),
        "xml_profiles": XML_PROFILES,
        "has_pdf": "invoicing_api.invoices_pdf" in current_app.view_functions,
        "einvoice": _einvoice_check(invoice) if invoice.is_draft else None,
    }


def _einvoice_check(invoice: Invoice) -> dict:
    """What finalize would refuse, shown while the document is still a draft."""
    profiles = einvoice_gate.profiles_for(invoice)
    labels = [dict(XML_PROFILES).get(p, p) for p in profiles]
    check = {"profiles": profiles, "labels": labels, "blockers": [], "error": None}
    if not invoice.lines:
        check["error"] = "Add a line to check the draft against the e-invoice rules."
        return check
    try:
        check["blockers"] = einvoice_gate.blockers(invoice)
    except ValueError as exc:  # the draft cannot even be modelled yet (e.g. a bad code)
        check["error"] = f"The draft cannot be checked yet: {exc}"
    return check


def render_detail(
    invoice: Invoice, status: int = 200, error: str | None = None, notice=None, credit_form=None
):
    """``credit_form`` carries a refused credit-note form back with its messages (and opens it)."""
    return render(
        "invoicing/invoice_detail.html",
        block="detail",
        status=status,
        refusal=error,
        notice=notice,
        credit_form=credit_form or CreditNoteForm(formdata=None),
        credit_refused=credit_form is not None,
        credit_reasons=codes.CREDIT_NOTE_REASONS,
        goods_types=codes.REVERSE_CHARGE_GOODS,
        **detail_context(invoice),
    )


@bp.get("/invoices/<int:invoice_id>")
@login_required
def invoice_detail(invoice_id: int):
    require(INVOICE_READ)
    return render_detail(get_or_404(Invoice, invoice_id, "invoice"))
