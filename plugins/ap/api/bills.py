"""/api/v1/bills: enter or import vendor bills, match, relink lines, approve, reject."""

from __future__ import annotations

from flask import request
from sqlalchemy import select

from core.api import (
    NO_BODY,
    ApiError,
    RecordRoute,
    ValidationFailed,
    check_version,
    company_id,
    current_actor,
    describe,
    file_response,
    get_or_404,
    idempotent,
    if_match,
    json_body,
    paginate,
    query_choice,
    query_id,
    record_routes,
    require_media_type,
    require_permission,
    user_id,
    with_etag,
)
from core.api import gettext as _
from plugins.ap.api import bp
from plugins.ap.api import serialize as s
from plugins.ap.api.common import commit
from plugins.ap.api.schemas import (
    APPROVE_REQUEST,
    BILL,
    BILL_REQUEST,
    REJECT_REQUEST,
    RELINK_REQUEST,
    XML_BODY,
    ZIP_BODY,
)
from plugins.ap.models import Bill, BillDocument, Vendor
from plugins.ap.models.bill import BILL_STATUSES, MATCH_STATUSES
from plugins.ap.permissions import APPROVE, READ, WRITE
from plugins.ap.services import approval, bills, bulk, importing, match_run
from plugins.ap.services.inputs import date as parse_date
from plugins.ap.vendor_join import with_vendor

TAGS = ("ap",)
MAX_XML = 5 * 1024 * 1024
DATE_QUERY = {"type": "string", "format": "date"}
ID_QUERY = {"type": "integer", "minimum": 0}


@bp.get("/bills")
@require_permission(READ)
@describe(
    tags=TAGS, paginated=True, response=BILL,
    query={"status": {"type": "string", "enum": list(BILL_STATUSES)},
           "match_status": {"type": "string", "enum": list(MATCH_STATUSES)},
           "vendor_id": ID_QUERY, "purchase_order_id": ID_QUERY,
           "date_from": DATE_QUERY, "date_to": DATE_QUERY, "q": {"type": "string"}},
)  # fmt: skip
def bills_list():
    """List bills, newest first. Filters: ``status``, ``match_status``, ``vendor_id``,
    ``purchase_order_id``, ``date_from``/``date_to`` (issue date), ``q`` (part of the vendor's
    invoice number or name)."""
    query = with_vendor(select(Bill), Bill)
    if status := query_choice("status", BILL_STATUSES):
        query = query.where(Bill.status == status)
    if match := query_choice("match_status", MATCH_STATUSES):
        query = query.where(Bill.match_status == match)
    if (vendor := query_id("vendor_id")) is not None:
        query = query.where(Bill.vendor_id == vendor)
    if (order := query_id("purchase_order_id")) is not None:
        query = query.where(Bill.order_id == order)
    query = _dates(query)
    query = search(query, request.args.get("q", ""))
    return paginate(query, order_by=(Bill.id.desc(),), serialize=s.bill, options=s.BILL_LOAD)


def search(query, text: str):
    """``q``: part of the vendor's invoice number or of the vendor's name."""
    if not (text := text.strip()):
        return query
    like = f"%{text}%"
    vendors = select(Vendor.id).where(Vendor.name.ilike(like))
    return query.where(Bill.vendor_invoice_number.ilike(like) | Bill.vendor_id.in_(vendors))


def _dates(query):
    from core.api import FieldErrors

    errors = FieldErrors()
    since = parse_date(request.args, "date_from", errors, required=False)
    until = parse_date(request.args, "date_to", errors, required=False)
    if errors:
        raise ApiError(400, "invalid_parameter", _("Dates are YYYY-MM-DD."), {"fields": errors})
    if since:
        query = query.where(Bill.issue_date >= since)
    if until:
        query = query.where(Bill.issue_date <= until)
    return query


def _bill(bill_id: int) -> Bill:
    return get_or_404(Bill, bill_id, "bill")


record_routes(
    bp, "/bills", "/bills/<int:bill_id>", "bills",
    load=_bill, serialize=s.bill, tags=TAGS, response=BILL, commit=commit,
    create=RecordRoute(WRITE, "Enter a vendor bill; it is matched against its purchase order at "
                       "once.\n\n409 ``duplicate_bill`` (``details.bill_id``) for a number the "
                       "vendor already billed in\nthat fiscal year.",
                       lambda company, body: bills.create(company, body, user_id()), BILL_REQUEST),
    read=RecordRoute(READ, "One bill with its lines and its match against the purchase order; "
                     "``ETag`` is its\nversion (relinking a line, approving and rejecting raise "
                     "it)."),
)  # fmt: skip


@bp.post("/bills/import")
@require_permission(WRITE)
@idempotent
@describe(
    tags=TAGS, status=201, response=BILL, body_media=XML_BODY,
    summary="Import a UBL 2.1 e-invoice (Peppol BIS 3.0 or PINT-AE) as a bill.",
)  # fmt: skip
def bills_import():
    """Send the XML as the body with ``Content-Type: application/xml``.

    422 ``einvoice_invalid`` with ``details.rules`` (fatal rule ids) when the official rules
    refuse it; nothing is stored. 409 ``duplicate_bill`` with ``details.bill_id``."""
    xml = _xml_body()
    result = importing.import_bill(company_id(), xml, source="api", actor=current_actor())
    commit()
    return {**s.bill(result.bill), "warnings": result.warnings}, 201


@bp.post("/bills/import-zip")
@require_permission(WRITE)
@idempotent
@describe(
    tags=TAGS, status=202, summary="Import a ZIP of e-invoices as a job.", body_media=ZIP_BODY,
    query={"filename": {"type": "string", "description": "Name shown on the job"}},
    response={"type": "object", "properties": {"job_id": {"type": "integer"},
                                               "status": {"type": "string"}}},
)  # fmt: skip
def bills_import_zip():
    """Send the ZIP as the body (``Content-Type: application/zip``). Answers 202 with the job;
    follow it at ``/api/v1/jobs/<job_id>``: its result lists every file (imported with its bill
    id, or refused with the rule ids)."""
    zip_types = ("application/zip", "application/x-zip-compressed")
    require_media_type(zip_types, _("Send the ZIP with Content-Type: application/zip."))
    data = request.get_data(cache=False)
    if not data:
        raise ApiError(400, "bad_request", _("The body is empty: send the ZIP archive."))
    job = bulk.start(current_actor(), data, request.args.get("filename") or "upload.zip")
    return {"job_id": job.id, "status": job.status}, 202


def _xml_body() -> bytes:
    xml_types = ("application/xml", "text/xml")
    require_media_type(xml_types, _("Send the e-invoice with Content-Type: application/xml."))
    if (request.content_length or 0) > MAX_XML:
        raise ApiError(413, "payload_too_large", _("An e-invoice may be at most 5 MB."))
    xml = request.get_data(cache=True)
    if not xml.strip():
        raise ApiError(400, "bad_request", _("The body is empty: send the XML document."))
    return xml


def _as_read(bill_id: int) -> Bill:
    """The bill, refused with 409 ``stale_version`` (the bill now) when ``If-Match`` names an
    older version: the client acts on what it read, or not at all."""
    bill = _bill(bill_id)
    check_version(bill, if_match(), s.bill)
    return bill


@bp.get("/bills/<int:bill_id>/document")
@require_permission(READ)
@describe(tags=TAGS, summary="The original e-invoice XML of an imported bill.")
def bills_document(bill_id: int):
    """The XML exactly as received; ``X-Content-SHA256`` carries its SHA-256."""
    bill = _bill(bill_id)
    doc = db_document(bill.id)
    sha = {"X-Content-SHA256": doc.sha256}
    return file_response(doc.xml, "application/xml", f"bill-{bill.id}.xml", headers=sha)


def db_document(bill_id: int) -> BillDocument:
    doc = importing.document_of(bill_id)
    if doc is None:
        raise ApiError(404, "not_found", _("This bill was not imported from an e-invoice."))
    return doc


@bp.post("/bills/<int:bill_id>/match")
@require_permission(WRITE)
@idempotent
@describe(tags=TAGS, request=NO_BODY, body_required=False, response=BILL)
def bills_match(bill_id: int):
    """Run the match again (409 ``bill_not_open`` once approved, paid or rejected)."""
    bill = match_run.run(_bill(bill_id))
    commit()
    return s.bill(bill)


@bp.patch("/bills/<int:bill_id>/lines/<int:line_id>")
@require_permission(WRITE)
@describe(tags=TAGS, request=RELINK_REQUEST, response=BILL, versioned=True)
def bills_relink(bill_id: int, line_id: int):
    """Choose by hand the PO line a bill line is for (``null`` unlinks it); re-matches."""
    body = json_body()
    target = body.get("po_line_id")
    bad = isinstance(target, bool) or not isinstance(target, int) or not 0 < target < 2**31
    if target is not None and bad:
        raise ValidationFailed({"po_line_id": _("must be an id or null")})
    bill = bills.relink(_as_read(bill_id), line_id, target)
    commit()
    return with_etag(s.bill(bill), bill)


@bp.post("/bills/<int:bill_id>/approve")
@require_permission(APPROVE)
@idempotent
@describe(tags=TAGS, request=APPROVE_REQUEST, body_required=False, response=BILL, versioned=True)
def bills_approve(bill_id: int):
    """Approve for payment. A bill that is not FULL_MATCH needs ``ap.override`` and a
    ``reason``, else 409 ``match_not_clean``; the override is written to the audit log."""
    body = json_body(required=False)
    reason = body.get("reason")
    if reason is not None and not isinstance(reason, str):
        raise ValidationFailed({"reason": _("must be text")})
    reason = (reason or "").strip()[:2000] or None
    bill = approval.approve(_as_read(bill_id), current_actor(), reason)
    commit()
    return with_etag(s.bill(bill), bill)


@bp.post("/bills/<int:bill_id>/reject")
@require_permission(APPROVE)
@idempotent
@describe(tags=TAGS, request=REJECT_REQUEST, response=BILL, versioned=True)
def bills_reject(bill_id: int):
    """Reject a bill with a reason; it no longer counts as billed on its PO."""
    body = json_body(required=False)
    reason = body.get("reason") if isinstance(body.get("reason"), str) else None
    bill = approval.reject(_as_read(bill_id), (reason or "").strip()[:2000] or None)
    match_run.rematch_order(bill.order_id) if bill.order_id else None
    commit()
    return with_etag(s.bill(bill), bill)
