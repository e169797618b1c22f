"""/api/v1/invoices: drafts, lifecycle actions, credit notes, UBL."""

from __future__ import annotations

from flask import Response, request
from sqlalchemy import select

from core.api import (
    MAX_ID,
    NO_BODY,
    ApiError,
    RecordRoute,
    Transition,
    describe,
    file_response,
    get_or_404,
    json_body,
    paginate,
    query_choice,
    query_date,
    query_id,
    record_routes,
    require_permission,
    transition_routes,
)
from core.api import gettext as _
from plugins.invoicing import einvoice_xml, mapping, search
from plugins.invoicing.api import bp
from plugins.invoicing.api import serialize as s
from plugins.invoicing.api.common import commit
from plugins.invoicing.api.schemas import CREDIT_NOTE, INVOICE_CREATE, INVOICE_PATCH
from plugins.invoicing.invoice_customer import with_customer
from plugins.invoicing.models import PAYMENT_STATUSES, STATUSES, Invoice
from plugins.invoicing.permissions import (
    INVOICE_APPROVE,
    INVOICE_FINALIZE,
    INVOICE_READ,
    INVOICE_VOID,
    INVOICE_WRITE,
)
from plugins.invoicing.services import drafts, einvoice_gate, finalize, transitions
from plugins.invoicing.sorting import INVOICES

TAGS = ("invoicing",)
ID_QUERY = {"type": "integer", "minimum": 0, "maximum": MAX_ID}
DATE_QUERY = {"type": "string", "format": "date"}
LIST_QUERY = {
    "status": {"type": "string", "enum": list(STATUSES)},
    "payment_status": {"type": "string", "enum": list(PAYMENT_STATUSES)},
    "type": {"type": "string", "enum": ["invoice", "credit_note"]},
    "customer_id": ID_QUERY,
    "date_from": DATE_QUERY,
    "date_to": DATE_QUERY,
    "q": {"type": "string", "description": "Part of the number or the customer's name"},
}


PROFILE_QUERY = {
    "type": "string",
    "description": "An XML profile such as peppol or pint-ae (400 unknown_profile lists them)",
}
SORT_QUERY = {
    "sort": {"type": "string", "enum": INVOICES.choices()},
    "after": {"type": "string", "description": "pagination.next_cursor of the previous page"},
}


def _choice(name: str, allowed) -> str | None:
    return query_choice(name, allowed)


def filtered_query(args=None):
    """The list query for ``request.args`` filters; shared by the API and the pages."""
    query = with_customer(select(Invoice))
    if status := _choice("status", STATUSES):
        query = query.where(Invoice.status == status)
    if paid := _choice("payment_status", PAYMENT_STATUSES):
        query = query.where(Invoice.payment_status == paid)
    if kind := _choice("type", ("invoice", "credit_note")):
        query = query.where(Invoice.type == kind)
    if (customer := query_id("customer_id")) is not None:
        query = query.where(Invoice.customer_id == customer)
    if start := query_date("date_from"):
        query = query.where(Invoice.issue_date >= start)
    if end := query_date("date_to"):
        query = query.where(Invoice.issue_date <= end)
    q = request.args.get("q", "").strip()
    if search.words(q):
        query = query.where(Invoice.id.in_(search.matching_ids(q)))
    return query


def sort_key():
    """The ``sort`` parameter (any column of the list, ``-`` for descending; default ``-id``)."""
    return INVOICES.parse(request.args.get("sort") or "-id")


@bp.get("/invoices")
@require_permission(INVOICE_READ)
@describe(tags=TAGS, paginated=True, query={**LIST_QUERY, **SORT_QUERY})
def invoices_list():
    """List invoices and credit notes.

    Filters: ``status``, ``payment_status``, ``type``, ``customer_id``, ``date_from``,
    ``date_to`` (issue date), ``q`` (number or customer name); ``sort`` e.g. ``-issue_date``.
    ``pagination.next_cursor`` passed back as ``after`` pages by keyset (cheap at any depth).
    """
    return paginate(
        filtered_query().with_only_columns(*s.SUMMARY_SELECT),
        serialize=s.invoice_summary,
        sort=sort_key(),
        prepare=s.summaries,
    )


def _draft(invoice_id: int) -> Invoice:
    """The draft to change: 409 ``invoice_not_draft`` comes before any ``If-Match`` check."""
    invoice = get_or_404(Invoice, invoice_id)
    drafts.require_draft(invoice)
    return invoice


record_routes(
    bp, "/invoices", "/invoices/<int:invoice_id>", "invoices",
    load=lambda invoice_id: get_or_404(Invoice, invoice_id), serialize=s.invoice,
    tags=TAGS, commit=commit,
    create=RecordRoute(INVOICE_WRITE, "Create a draft invoice.", drafts.create, INVOICE_CREATE),
    read=RecordRoute(INVOICE_READ, "One invoice with its lines and VAT breakdown; ``ETag`` is "
                     "its version."),
    update=RecordRoute(INVOICE_WRITE, """Change a draft; 409 ``invoice_not_draft`` once finalized.

        Send ``If-Match`` with the ``ETag`` of your GET: if someone saved the draft since, the
        answer is 409 ``stale_version`` with the current draft in ``details.current``.
        """, drafts.update, INVOICE_PATCH, load=_draft),
)  # fmt: skip


@bp.delete("/invoices/<int:invoice_id>")
@require_permission(INVOICE_WRITE)
@describe(tags=TAGS, status=204)
def invoices_delete(invoice_id: int):
    """Delete a draft; 409 ``invoice_not_draft`` once finalized."""
    drafts.delete(get_or_404(Invoice, invoice_id))
    commit()
    return Response(status=204)


def _finish(invoice):
    commit()
    return s.invoice(invoice)


transition_routes(
    bp,
    "/invoices/<int:invoice_id>",
    "invoices",
    load=lambda invoice_id: get_or_404(Invoice, invoice_id),
    finish=_finish,
    tags=TAGS,
    transitions=(
        Transition(
            "finalize",
            finalize.finalize,
            INVOICE_FINALIZE,
            "Number, total, hash, sign and freeze a draft.",
        ),
        Transition("approve", transitions.approve, INVOICE_APPROVE, "FINALIZED → APPROVED."),
        Transition(
            "send",
            transitions.send,
            INVOICE_APPROVE,
            "APPROVED → SENT (status only; delivery comes with the e-mail step).",
        ),
        Transition(
            "void", transitions.void, INVOICE_VOID, "Void a finalized, approved or sent invoice."
        ),
    ),
)


@bp.post("/invoices/<int:invoice_id>/duplicate")
@require_permission(INVOICE_WRITE)
@describe(tags=TAGS, status=201, request=NO_BODY, body_required=False)
def invoices_duplicate(invoice_id: int):
    """Copy an invoice into a new draft."""
    copy = drafts.duplicate(get_or_404(Invoice, invoice_id))
    commit()
    return s.invoice(copy), 201


@bp.post("/invoices/<int:invoice_id>/credit-notes")
@require_permission(INVOICE_WRITE)
@describe(tags=TAGS, status=201, request=CREDIT_NOTE, body_required=False)
def invoices_credit_note(invoice_id: int):
    """A draft credit note for the invoice (its lines unless ``lines`` are given)."""
    note = transitions.credit_note(get_or_404(Invoice, invoice_id), json_body(required=False))
    commit()
    return s.invoice(note), 201


@bp.get("/invoices/<int:invoice_id>/ubl")
@require_permission(INVOICE_READ)
@describe(tags=TAGS, query={"profile": PROFILE_QUERY})
def invoices_ubl(invoice_id: int):
    """UBL 2.1 XML, ``profile=peppol`` or ``pint-ae``.

    Without ``profile``: the company's first required profile, whose XML was hashed and signed
    at finalization (PINT-AE for a UAE company).
    """
    invoice = get_or_404(Invoice, invoice_id)
    if invoice.is_draft:
        raise ApiError(409, "invoice_is_draft", _("Finalize the draft before exporting XML."))
    profile = request.args.get("profile") or einvoice_gate.sealed_profile(invoice)
    body = einvoice_xml.render(mapping.to_document(invoice), profile)
    name = (invoice.number or str(invoice.id)).replace("/", "-")
    return file_response(body, "application/xml", f"{name}-{profile}.xml")


@bp.get("/invoices/<int:invoice_id>/pdf")
@require_permission(INVOICE_READ)
@describe(tags=TAGS)
def invoices_pdf(invoice_id: int):
    """The printable PDF (drafts carry a DRAFT watermark and no verification QR)."""
    from plugins.invoicing import pdf

    invoice = get_or_404(Invoice, invoice_id)
    return file_response(
        pdf.render_pdf(invoice), "application/pdf", pdf.filename(invoice), inline=True
    )


@bp.get("/invoices/<int:invoice_id>/verify")
@require_permission(INVOICE_READ)
@describe(tags=TAGS)
def invoices_verify(invoice_id: int):
    """Hash, signature and chain status of one document, reported separately."""
    from plugins.invoicing.services.verify import verify_invoice

    return verify_invoice(get_or_404(Invoice, invoice_id))
