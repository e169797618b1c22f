"""Sending via Peppol: /api/v1/invoices/<id>/transmit and /api/v1/peppol/transmissions."""

from __future__ import annotations

from sqlalchemy import select

from core.api import (
    NO_BODY,
    Conflict,
    Transition,
    db,
    describe,
    enqueue_job,
    get_or_404,
    paginate,
    query_choice,
    query_id,
    require_permission,
    status_word,
    transition_routes,
    user_id,
)
from core.api import gettext as _
from plugins.invoicing.public import Invoice
from plugins.peppol import tracking, transmit
from plugins.peppol.api import bp
from plugins.peppol.api import serialize as s
from plugins.peppol.models import FAILED, STATES, Transmission
from plugins.peppol.permissions import READ, SEND

TAGS = ("peppol",)


@bp.post("/invoices/<int:invoice_id>/transmit")
@require_permission(SEND)
@describe(
    tags=TAGS, request=NO_BODY, body_required=False, status=202,
    also={200: "The document's transmission that is already queued, in flight or done"},
)  # fmt: skip
def invoices_transmit(invoice_id: int):
    """Send a sealed invoice or credit note via Peppol.

    The XML of the buyer's profile (PINT-AE for UAE buyers, Peppol BIS 3.0 otherwise) is
    validated with the official rules first: 422 ``einvoice_invalid`` with the rule ids, and
    nothing is queued. 202 with the new transmission; 200 with the same transmission when the
    document is already queued, in flight, sent, delivered or accepted.
    """
    invoice = get_or_404(Invoice, invoice_id, "invoice")
    outcome = transmit.transmit(invoice, user_id())
    t = db.session.get(Transmission, outcome.transmission.id)
    db.session.refresh(t)
    return s.transmission(t), 202 if outcome.created else 200


LIST_QUERY = {
    "state": {"type": "string", "enum": list(STATES)},
    "invoice_id": {"type": "integer", "minimum": 0},
    "provider_id": {"type": "integer", "minimum": 0},
}


def _filtered():
    query = select(Transmission)
    if state := query_choice("state", STATES):
        query = query.where(Transmission.state == state)
    if (invoice := query_id("invoice_id")) is not None:
        query = query.where(Transmission.invoice_id == invoice)
    if (provider := query_id("provider_id")) is not None:
        query = query.where(Transmission.provider_id == provider)
    return query


@bp.get("/peppol/transmissions")
@require_permission(READ)
@describe(tags=TAGS, paginated=True, query=LIST_QUERY)
def transmissions_list():
    """Transmissions, newest first. Filters: ``state``, ``invoice_id``, ``provider_id``."""
    return paginate(
        _filtered().with_only_columns(*s.LIST_COLUMNS),
        order_by=(Transmission.id.desc(),),
        serialize=lambda t: s.transmission(t, with_attempts=False),
    )


@bp.get("/peppol/transmissions/<int:transmission_id>")
@require_permission(READ)
@describe(tags=TAGS)
def transmissions_read(transmission_id: int):
    """One transmission with every attempt and its Message Level Status."""
    return s.transmission(_transmission(transmission_id))


def _transmission(transmission_id: int) -> Transmission:
    return get_or_404(Transmission, transmission_id, "transmission")


def _refresh(t: Transmission) -> Transmission:
    tracking.refresh(t)
    return t


def _retry(t: Transmission) -> Transmission:
    if t.state != FAILED:
        raise Conflict(
            "not_failed",
            _(
                "Only a FAILED transmission is retried (it is %(t_state)s).",
                t_state=status_word("peppol_state", t.state),
            ),
        )
    enqueue_job(
        transmit.SEND_JOB, {"transmission_id": t.id}, company_id=t.company_id, user_id=user_id()
    )
    return t


transition_routes(
    bp,
    "/peppol/transmissions/<int:transmission_id>",
    "transmissions",
    load=_transmission,
    finish=lambda t: s.transmission(_transmission(t.id)),
    tags=TAGS,
    transitions=(
        Transition(
            "refresh",
            _refresh,
            SEND,
            "Ask the provider for delivery and MLS now (the worker also polls every 5 minutes).",
        ),
        Transition(
            "retry",
            _retry,
            SEND,
            "Run the next round of a FAILED transmission now instead of after its backoff.",
        ),
    ),
)
