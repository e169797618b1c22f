"""Peppol tables: provider accounts, transmissions and their attempts, participant look-ups,
received documents, settings, webhooks and their delivery log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import TenantMixin, Versioned, db, id_index, list_indexes, utcnow

# Transmission states (see states.py for the moves between them).
QUEUED, SENDING, SENT, DELIVERED = "QUEUED", "SENDING", "SENT", "DELIVERED"
ACCEPTED, REJECTED = "ACCEPTED", "REJECTED"
FAILED, PERMANENTLY_FAILED = "FAILED", "PERMANENTLY_FAILED"
STATES = (QUEUED, SENDING, SENT, DELIVERED, ACCEPTED, REJECTED, FAILED, PERMANENTLY_FAILED)
# A document in one of these is queued, in flight or on its way: never transmitted again.
ACTIVE = (QUEUED, SENDING, SENT, DELIVERED, FAILED, ACCEPTED)


class ProviderAccount(TenantMixin, db.Model):
    """One access-point provider account of a company, with its circuit breaker and health."""

    __tablename__ = "peppol_provider"
    __table_args__ = (UniqueConstraint("company_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(32))
    priority: Mapped[int] = mapped_column(default=100)
    base_url: Mapped[str | None] = mapped_column(String(500))
    # Fernet token of a JSON object ({"api_key": ...}); never returned by the API.
    credentials_encrypted: Mapped[str | None] = mapped_column(Text)
    settings: Mapped[dict] = mapped_column(JSON, default=dict)  # non-secret options
    enabled: Mapped[bool] = mapped_column(default=True)
    consecutive_failures: Mapped[int] = mapped_column(default=0)
    circuit_opened_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_error_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    last_latency_ms: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Transmission(TenantMixin, db.Model):
    """One sending of one sealed document; ``generation`` counts re-sends after a final
    failure, and the unique key makes concurrent first sends collide instead of doubling."""

    __tablename__ = "peppol_transmission"
    __table_args__ = (
        UniqueConstraint("company_id", "invoice_id", "generation"),
        Index("ix_peppol_transmission_company_state", "company_id", "state", "id"),
        Index("ix_peppol_transmission_due", "state", "next_attempt_at"),
        # One per sortable list column (migration 0002).
        id_index("peppol_transmission"),  # newest first (migration 0003)
        *list_indexes(
            "peppol_transmission",
            "document_number",
            "receiver_id",
            "profile",
            "provider_name",
            "attempt_count",
            "updated_at",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoicing_invoice.id"), index=True)
    generation: Mapped[int] = mapped_column(default=0)
    document_number: Mapped[str | None] = mapped_column(String(32))
    document_type: Mapped[str] = mapped_column(String(16))
    profile: Mapped[str] = mapped_column(String(16))
    sender_id: Mapped[str | None] = mapped_column(String(80))
    receiver_id: Mapped[str] = mapped_column(String(80))
    instance_id: Mapped[str] = mapped_column(String(36))  # SBDH instance id, kept on retries
    xml_sha256: Mapped[str] = mapped_column(String(64))
    xml: Mapped[str] = mapped_column(Text)  # the validated UBL, sent as is on every attempt
    state: Mapped[str] = mapped_column(String(24), default=QUEUED)
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("peppol_provider.id"))
    provider_name: Mapped[str | None] = mapped_column(String(100))
    provider_message_id: Mapped[str | None] = mapped_column(String(200))
    attempt_count: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]
    error_class: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(Text)
    mls_code: Mapped[str | None] = mapped_column(String(2))  # AP | AB | RE
    mls_reasons: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    provider: Mapped[ProviderAccount | None] = relationship(lazy="joined")
    attempts: Mapped[list[Attempt]] = relationship(
        order_by="Attempt.id", back_populates="transmission"
    )


class Attempt(TenantMixin, db.Model):
    """One call to one provider for a transmission: kept forever, success or not."""

    __tablename__ = "peppol_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    transmission_id: Mapped[int] = mapped_column(ForeignKey("peppol_transmission.id"), index=True)
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("peppol_provider.id"))
    provider_name: Mapped[str] = mapped_column(String(100))
    number: Mapped[int]
    instance_id: Mapped[str] = mapped_column(String(36))
    started_at: Mapped[datetime]
    latency_ms: Mapped[int | None]
    outcome: Mapped[str] = mapped_column(String(16))  # ok | transient | permanent
    error_class: Mapped[str | None] = mapped_column(String(32))
    status_code: Mapped[int | None]
    request_id: Mapped[str | None] = mapped_column(String(200))
    answer: Mapped[str | None] = mapped_column(Text)

    transmission: Mapped[Transmission] = relationship(back_populates="attempts")


class Participant(TenantMixin, db.Model):
    """The last look-up of a participant through a provider (re-checked after an interval)."""

    __tablename__ = "peppol_participant"
    __table_args__ = (UniqueConstraint("company_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[str] = mapped_column(String(80))
    registered: Mapped[bool | None]
    document_types: Mapped[list] = mapped_column(JSON, default=list)
    provider_name: Mapped[str | None] = mapped_column(String(100))
    error: Mapped[str | None] = mapped_column(Text)
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)


class InboundDocument(TenantMixin, db.Model):
    """A document fetched from a provider inbox, and what the pipeline did with it."""

    __tablename__ = "peppol_inbound"
    __table_args__ = (
        UniqueConstraint("company_id", "sha256"),
        Index("ix_peppol_inbound_sender_number", "company_id", "sender_id", "number"),
        # One per sortable list column (migration 0002).
        id_index("peppol_inbound"),  # newest first (migration 0003)
        *list_indexes("peppol_inbound", "received_at", "number", "profile", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("peppol_provider.id"))
    message_id: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    sender_id: Mapped[str | None] = mapped_column(String(80))
    number: Mapped[str | None] = mapped_column(String(64))
    profile: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))  # imported | forwarded | invalid
    rule_ids: Mapped[list] = mapped_column(JSON, default=list)
    error: Mapped[str | None] = mapped_column(Text)
    bill_id: Mapped[int | None]
    job_id: Mapped[int | None]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class Settings(Versioned, TenantMixin, db.Model):
    """Per-company Peppol settings: the inbox schedule and where documents go without AP."""

    __tablename__ = "peppol_settings"
    __table_args__ = (UniqueConstraint("company_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inbox_enabled: Mapped[bool] = mapped_column(default=True)
    inbox_time: Mapped[str] = mapped_column(String(5), default="02:00")
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Dubai")
    last_scheduled_run: Mapped[datetime | None]
    forward_provider_id: Mapped[int | None] = mapped_column(ForeignKey("peppol_provider.id"))


class Webhook(TenantMixin, db.Model):
    __tablename__ = "peppol_webhook"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(500))
    secret_encrypted: Mapped[str] = mapped_column(Text)
    events: Mapped[list] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WebhookDelivery(TenantMixin, db.Model):
    __tablename__ = "peppol_webhook_delivery"
    __table_args__ = (Index("ix_peppol_webhook_delivery_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("peppol_webhook.id"), index=True)
    event: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # delivered | failed
    attempts: Mapped[int] = mapped_column(default=0)
    last_status_code: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


MODELS = [
    ProviderAccount,
    Transmission,
    Attempt,
    Participant,
    InboundDocument,
    Settings,
    Webhook,
    WebhookDelivery,
]
