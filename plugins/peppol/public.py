"""The public surface of the peppol plugin: what adapter plugins and others import.

from plugins.peppol.public import Provider, AccountConfig, TransientError, PermanentError
"""

from plugins.peppol.errors import PermanentError, ProviderError, TransientError
from plugins.peppol.participants import check as check_participant
from plugins.peppol.providers.base import (
    AccountConfig,
    Health,
    InboxMessage,
    Lookup,
    Mls,
    Outgoing,
    Provider,
    SendResult,
    Status,
)
from plugins.peppol.signature import verify as verify_webhook_signature

__all__ = [
    "AccountConfig",
    "Health",
    "InboxMessage",
    "Lookup",
    "Mls",
    "Outgoing",
    "PermanentError",
    "Provider",
    "ProviderError",
    "SendResult",
    "Status",
    "TransientError",
    "check_participant",
    "verify_webhook_signature",
]
