"""/peppol/ (transmissions) and /peppol/inbox (received documents) as declared lists
(core.listing): sort on every column, filters in the URL, keyset "Next", CSV/XLSX of the
filter. Transmissions take bulk "retry" (failed ones: the send job is queued again, the row
locked while it is checked) and "check status" (asks the provider; no row lock is held during
the call)."""

from __future__ import annotations

from flask import current_app, get_template_attribute, url_for
from sqlalchemy import or_

from core.api import (
    Conflict,
    ListAction,
    ListField,
    ListFilter,
    ListSpec,
    company_id,
    db,
    enqueue_job,
    format_datetime,
    label,
    label_filter,
    lazy_gettext,
    may,
    mount_list,
)
from plugins.peppol import tracking
from plugins.peppol.inbox.schedule import settings_for
from plugins.peppol.models import FAILED, STATES, InboundDocument, Transmission
from plugins.peppol.permissions import MANAGE, READ, SEND
from plugins.peppol.transmit import SEND_JOB
from plugins.peppol.views import bp

BILL_PAGE = "ap.bill_review"
INBOX_STATUSES = ("imported", "forwarded", "invalid")


def _state(query, value: str):
    return query.where(Transmission.state == value) if value in STATES else query


def _search(query, q: str):
    like = f"%{q}%"
    return query.where(
        or_(Transmission.document_number.ilike(like), Transmission.receiver_id.ilike(like))
    )


def _retry(t: Transmission) -> None:
    if t.state != FAILED:
        raise Conflict("not_failed", str(lazy_gettext("Only a failed transmission is retried.")))
    enqueue_job(SEND_JOB, {"transmission_id": t.id}, company_id=t.company_id, user_id=None)


def _badge(t):
    return get_template_attribute("peppol/_macros.html", "state_badge")(t.state)


TRANSMISSIONS = ListSpec(
    name="transmission",
    title=lazy_gettext("Peppol transmissions"),
    intro=lazy_gettext("Documents sent through your access-point providers."),
    model=Transmission,
    endpoint="peppol.transmissions",
    permission=READ,
    template="peppol/list.html",
    default_sort="-id",
    fields=(
        ListField(
            "id",
            "#",
            sort=Transmission.id,
            link=lambda t: url_for("peppol.transmission_detail", transmission_id=t.id),
        ),
        ListField(
            "document",
            lazy_gettext("Document"),
            sort=Transmission.document_number,
            value=lambda t: t.document_number,
            link=lambda t: url_for("invoicing.invoice_detail", invoice_id=t.invoice_id),
        ),
        ListField(
            "receiver_id", lazy_gettext("Receiver"), sort=Transmission.receiver_id, truncate=True
        ),
        ListField("profile", lazy_gettext("Profile"), sort=Transmission.profile),
        ListField(
            "provider",
            lazy_gettext("Provider"),
            sort=Transmission.provider_name,
            value=lambda t: t.provider_name,
            truncate=True,
        ),  # fmt: skip
        ListField(
            "attempts",
            lazy_gettext("Attempts"),
            sort=Transmission.attempt_count,
            value=lambda t: t.attempt_count,
            numeric=True,
        ),  # fmt: skip
        ListField(
            "updated",
            lazy_gettext("Updated"),
            sort=Transmission.updated_at,
            value=lambda t: t.updated_at,
            show=lambda t: format_datetime(t.updated_at),
        ),  # fmt: skip
        ListField(
            "state",
            lazy_gettext("State"),
            sort=Transmission.state,
            value=lambda t: t.state,
            show=_badge,
        ),  # fmt: skip
    ),
    filters=(
        ListFilter("q", lazy_gettext("Document or receiver"), kind="search", apply=_search),
        label_filter("state", lazy_gettext("State"), STATES, "peppol_state", apply=_state),
    ),
    actions=(
        ListAction("retry", lazy_gettext("Retry"), SEND, _retry),
        ListAction("refresh", lazy_gettext("Check status"), SEND, tracking.refresh, lock=False),
    ),
    label=lambda t: t.document_number or f"#{t.id}",
    empty=lazy_gettext("Nothing sent via Peppol yet."),
    live="ll:peppol_status_changed from:body",
)


def bill_url(bill_id: int | None) -> str | None:
    """The AP bill page of an imported document, when AP is enabled."""
    if bill_id is None or BILL_PAGE not in current_app.view_functions:
        return None
    return url_for(BILL_PAGE, bill_id=bill_id)


def _outcome(r):
    return label("peppol_inbox", r.status)


def _why(r) -> str:
    return " ".join(r.rule_ids) if r.rule_ids else (r.error or "")


def _inbox_context() -> dict:
    schedule = settings_for(company_id())
    db.session.commit()
    return {"settings": schedule, "can_fetch": may(SEND), "can_manage": may(MANAGE)}


def _status(query, value: str):
    return query.where(InboundDocument.status == value) if value in INBOX_STATUSES else query


INBOX = ListSpec(
    name="inbox",
    title=lazy_gettext("Peppol inbox"),
    model=InboundDocument,
    endpoint="peppol.inbox",
    permission=READ,
    template="peppol/inbox.html",
    context=_inbox_context,
    default_sort="-received",
    fields=(
        ListField(
            "received",
            lazy_gettext("Received"),
            sort=InboundDocument.received_at,
            value=lambda r: r.received_at,
            show=lambda r: format_datetime(r.received_at),
        ),  # fmt: skip
        ListField(
            "sender_id", lazy_gettext("Sender"), sort=InboundDocument.sender_id, truncate=True
        ),
        ListField("number", lazy_gettext("Number"), sort=InboundDocument.number, truncate=True),
        ListField("profile", lazy_gettext("Profile"), sort=InboundDocument.profile),
        ListField(
            "status",
            lazy_gettext("Outcome"),
            sort=InboundDocument.status,
            show=_outcome,
            link=lambda r: bill_url(r.bill_id),
        ),  # fmt: skip
        ListField("why", lazy_gettext("Why"), value=_why, truncate=True),
    ),
    filters=(
        label_filter(
            "status", lazy_gettext("Outcome"), INBOX_STATUSES, "peppol_inbox", apply=_status
        ),
    ),
    label=lambda r: r.number or f"#{r.id}",
    empty=lazy_gettext("Nothing received yet."),
)

mount_list(bp, "/", TRANSMISSIONS)
mount_list(bp, "/inbox", INBOX)
