"""The provider interface every access-point adapter implements, and what its calls answer."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field


@dataclass(frozen=True)
class AccountConfig:
    """What an adapter is built with: the account, its decrypted credentials, the timeout."""

    id: int | None
    name: str
    type: str
    base_url: str | None
    credentials: dict
    settings: dict
    timeout: float


@dataclass(frozen=True)
class Outgoing:
    """One document to send: the UBL, the SBDH instance id (reused on retries) and routing."""

    xml: bytes
    instance_id: str
    sender_id: str | None
    receiver_id: str
    document_type: str  # invoice | credit_note
    profile: str  # peppol | pint-ae
    number: str | None


@dataclass(frozen=True)
class SendResult:
    message_id: str
    request_id: str | None = None
    status_code: int | None = None
    answer: str | None = None


@dataclass(frozen=True)
class Mls:
    """Message Level Status: AP accepted, AB acknowledged, RE rejected, with reason codes."""

    code: str
    reasons: tuple[dict, ...] = ()  # {"code": "BV", "text": "...", "location": "..."}


@dataclass(frozen=True)
class Status:
    """Where a sent message is: ``sent`` (still with the provider), ``delivered``, or an MLS."""

    state: str  # sent | delivered | failed
    mls: Mls | None = None
    detail: str | None = None


@dataclass(frozen=True)
class InboxMessage:
    message_id: str
    xml: bytes
    sender_id: str | None = None


@dataclass(frozen=True)
class Lookup:
    registered: bool | None
    document_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class Health:
    up: bool
    detail: str = ""
    extra: dict = field(default_factory=dict)


class Provider(ABC):
    """Base class of adapters. ``type`` names it; ``supports`` lists optional abilities; an
    adapter that leaves one of the calls below unwritten cannot be instantiated."""

    type = ""
    label = ""
    supports: frozenset[str] = frozenset({"send", "status", "inbox", "lookup"})

    def __init__(self, account: AccountConfig):
        self.account = account

    @abstractmethod
    def send(self, doc: Outgoing) -> SendResult:
        """Hand ``doc`` to the access point; the message id it answers identifies it later."""

    @abstractmethod
    def status(self, message_id: str) -> Status:
        """Where the message ``message_id`` is now: with the provider, delivered, or an MLS."""

    @abstractmethod
    def fetch_inbox(self) -> list[InboxMessage]:
        """Documents received for the account and not yet acknowledged."""

    @abstractmethod
    def acknowledge(self, message_id: str, mls: Mls) -> None:
        """Tell the provider the inbound ``message_id`` was handled, with our MLS."""

    @abstractmethod
    def lookup(self, participant_id: str) -> Lookup:
        """Whether ``participant_id`` is registered in the Peppol network, and for what."""

    @abstractmethod
    def health(self) -> Health:
        """Whether the provider answers, with a short detail for the health page."""
