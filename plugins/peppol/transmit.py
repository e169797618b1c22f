"""Send a sealed invoice or credit note: pick the profile, build and validate the XML, then
create (or find) its transmission. Sending itself runs as a job (``peppol.send``).

Idempotent: a document with a queued, in-flight, sent, delivered or accepted transmission gets
that transmission back. Twenty concurrent calls create one row: the unique key
(company, invoice, generation) lets one insert win; the others read the winner.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from core.api import Company, Conflict, Refused, db, enqueue_job
from core.api import gettext as _
from plugins.invoicing.public import Invoice, document_xml
from plugins.peppol import accounts, participants, validation
from plugins.peppol.models import ACTIVE, PERMANENTLY_FAILED, QUEUED, REJECTED, Transmission
from plugins.peppol.permissions import SEND

DRAFT, VOID, CREDIT_NOTE = "DRAFT", "VOID", "credit_note"  # invoicing's status and type values

SEND_JOB = SEND
RESENDABLE = (REJECTED, PERMANENTLY_FAILED)


@dataclass(frozen=True)
class Outcome:
    transmission: Transmission
    created: bool


def active_for(invoice_id: int) -> Transmission | None:
    return db.session.scalars(
        select(Transmission)
        .where(Transmission.invoice_id == invoice_id, Transmission.state.in_(ACTIVE))
        .order_by(Transmission.id.desc())
        .limit(1)
    ).first()


def transmit(invoice: Invoice, user_id: int | None = None) -> Outcome:
    """Queue ``invoice`` for sending (or return its live transmission); runs the send job."""
    existing = active_for(invoice.id)
    if existing is not None:
        return Outcome(existing, False)
    _require_sealed(invoice)
    receiver = _receiver(invoice)
    profile = profile_for(invoice, receiver)
    body = document_xml(invoice, profile)
    _require_valid(body, profile)
    if not accounts.senders(invoice.company_id):
        raise Conflict(
            "no_provider", _("Add a Peppol provider account that can send before sending.")
        )
    return _create(invoice, receiver, profile, body, user_id)


def _require_sealed(invoice: Invoice) -> None:
    if invoice.status == DRAFT:
        raise Conflict("invoice_is_draft", _("Finalize the draft before sending it via Peppol."))
    if invoice.status == VOID:
        raise Conflict("invoice_void", _("A void document is not sent."))


def _receiver(invoice: Invoice) -> participants.Check:
    raw = invoice.buyer_peppol_id or invoice.customer.peppol_id
    if not raw:
        raise Refused(
            "no_participant_id",
            _("The buyer has no Peppol participant id (scheme:value)."),
            {"customer_id": invoice.customer_id},
        )
    found = participants.check(raw)
    if not found.valid_format:
        raise Refused(
            "invalid_participant", found.reason or "Invalid participant id.", found.to_dict()
        )
    return found


def profile_for(invoice: Invoice, receiver: participants.Check) -> str:
    """PINT-AE for UAE buyers (and the UAE special endpoints), Peppol BIS 3.0 otherwise."""
    country = invoice.buyer_country or invoice.customer.country
    return "pint-ae" if receiver.scheme == "0235" or country == "AE" else "peppol"


def _require_valid(body: bytes, profile: str) -> None:
    verdict = validation.check(body, profile)
    if not verdict.valid:
        raise Refused(
            "einvoice_invalid",
            _(
                "The document fails the official %(profile)s rules: %(names)s.",
                profile=profile,
                names=", ".join(verdict.rule_ids),
            ),
            {"profile": profile, "rule_ids": verdict.rule_ids, "errors": verdict.errors[:50]},
        )


def _sender(company_id: int) -> str | None:
    company = db.session.get(Company, company_id)
    if company.peppol_id:
        return company.peppol_id
    return f"0235:{company.trn[:10]}" if company.trn and company.country == "AE" else None


def _create(invoice, receiver, profile, body: bytes, user_id) -> Outcome:
    # Counting only the transmissions that ended for good keeps concurrent first sends on the
    # same generation (so the unique key collides) even when one of them commits meanwhile.
    generation = db.session.scalar(
        select(func.count())
        .select_from(Transmission)
        .where(Transmission.invoice_id == invoice.id, Transmission.state.in_(RESENDABLE))
    )
    t = Transmission(
        company_id=invoice.company_id,
        invoice_id=invoice.id,
        generation=generation,
        document_number=invoice.number,
        document_type="credit_note" if invoice.type == CREDIT_NOTE else "invoice",
        profile=profile,
        sender_id=_sender(invoice.company_id),
        receiver_id=receiver.participant_id,
        instance_id=str(uuid.uuid4()),
        xml=body.decode(),
        xml_sha256=hashlib.sha256(body).hexdigest(),
        state=QUEUED,
    )
    invoice_id, company_id = invoice.id, invoice.company_id
    try:
        db.session.add(t)
        db.session.flush()
        enqueue_job(SEND_JOB, {"transmission_id": t.id}, company_id=company_id, user_id=user_id)
    except IntegrityError:
        db.session.rollback()  # a concurrent call created it first
        winner = active_for(invoice_id)
        if winner is None:
            raise
        return Outcome(winner, False)
    return Outcome(t, True)
