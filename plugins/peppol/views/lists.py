"""/peppol/ (transmissions) and /peppol/inbox (received documents) as declared lists
(core.listing): sort on every column, filters in the URL, keyset "Next", CSV/XLSX of the
filter. Transmissions take bulk "retry" (failed ones: the send job is queued again, the row
locked while it is checked) and "check status" (asks the provider; no row lock is held during
the call)."""

from __future__ import annotations

from flask import current_app, url_for
from sqlalchemy import or_

from core.api import (
    Conflict,
    ListAction,
    ListField,
    ListFilter,
    ListSpec,
    badge_field,
    code_field,
    column_field,
    company_id,
    db,
    enqueue_job,
    id_field,
    label_filter,
    lazy_gettext,
    may,
    mount_list,
    when_field,
)
from plugins.peppol import tracking
from plugins.peppol.inbox.schedule import settings_for
from plugins.peppol.models import FAILED, STATES, InboundDocument, Transmission
from plugins.peppol.permissions import MANAGE, READ, SEND
from plugins.peppol.transmit import SEND_JOB
from plugins.peppol.views import bp

BILL_PAGE = "ap.bill_review"
INBOX_STATUSES = ("imported", "forwarded", "invalid")


def _search(query, q: str):
    like = f"%{q}%"
    return query.where(
        or_(Transmission.document_number.ilike(like), Transmission.receiver_id.ilike(like))
    )


def _retry(t: Transmission) -> None:
    if t.state != FAILED:
        raise Conflict("not_failed", str(lazy_gettext("Only a failed transmission is retried.")))
    enqueue_job(SEND_JOB, {"transmission_id": t.id}, company_id=t.company_id, user_id=None)


STATE_BADGE = "peppol/_macros.html:state_badge"
T_RECEIVER, T_PROVIDER = lazy_gettext("Receiver"), lazy_gettext("Provider")
T_ATTEMPTS = lazy_gettext("Attempts")


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
        id_field(Transmission.id, "peppol.transmission_detail", "transmission_id"),
        column_field(
            "document",
            lazy_gettext("Document"),
            Transmission.document_number,
            link=lambda t: url_for("invoicing.invoice_detail", invoice_id=t.invoice_id),
        ),
        column_field("receiver_id", T_RECEIVER, Transmission.receiver_id, truncate=True),
        code_field("profile", lazy_gettext("Profile"), Transmission.profile, "einvoice_profile"),
        column_field("provider", T_PROVIDER, Transmission.provider_name, truncate=True),
        column_field("attempts", T_ATTEMPTS, Transmission.attempt_count, numeric=True),
        when_field("updated", lazy_gettext("Updated"), Transmission.updated_at),
        badge_field("state", lazy_gettext("State"), Transmission.state, STATE_BADGE),
    ),
    filters=(
        ListFilter("q", lazy_gettext("Document or receiver"), kind="search", apply=_search),
        label_filter(
            "state", lazy_gettext("State"), STATES, "peppol_state", column=Transmission.state
        ),
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


T_SENDER = lazy_gettext("Sender")


def _why(r) -> str:
    return " ".join(r.rule_ids) if r.rule_ids else (r.error or "")


def _inbox_context() -> dict:
    schedule = settings_for(company_id())
    db.session.commit()
    return {"settings": schedule, "can_fetch": may(SEND), "can_manage": may(MANAGE)}


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
        when_field("received", lazy_gettext("Received"), InboundDocument.received_at),
        column_field("sender_id", T_SENDER, InboundDocument.sender_id, truncate=True),
        column_field("number", lazy_gettext("Number"), InboundDocument.number, truncate=True),
        code_field("profile", lazy_gettext("Profile"), InboundDocument.profile, "einvoice_profile"),
        code_field(
            "status",
            lazy_gettext("Outcome"),
            InboundDocument.status,
            "peppol_inbox",
            link=lambda r: bill_url(r.bill_id),
        ),
        ListField("why", lazy_gettext("Why"), value=_why, truncate=True),
    ),
    filters=(
        label_filter(
            "status",
            lazy_gettext("Outcome"),
            INBOX_STATUSES,
            "peppol_inbox",
            column=InboundDocument.status,
        ),
    ),
    label=lambda r: r.number or f"#{r.id}",
    empty=lazy_gettext("Nothing received yet."),
)

mount_list(bp, "/", TRANSMISSIONS)
mount_list(bp, "/inbox", INBOX)
