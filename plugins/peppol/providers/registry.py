"""Which adapter class serves a provider type, from every plugin's ``peppol_providers``."""

from __future__ import annotations

from flask import current_app

from plugins.peppol.providers.base import AccountConfig, Provider


def provider_types() -> dict[str, type[Provider]]:
    from core.api import hook

    found: dict[str, type[Provider]] = {}
    for batch in hook.peppol_providers():
        for cls in batch or ():
            found[cls.type] = cls
    return found


def adapter_for(account) -> Provider:
    """The adapter instance for a ``ProviderAccount`` row (credentials decrypted here only)."""
    from plugins.peppol.secrets import unseal

    cls = provider_types()[account.type]
    config = AccountConfig(
        id=account.id,
        name=account.name,
        type=account.type,
        base_url=account.base_url,
        credentials=unseal(account.credentials_encrypted),
        settings=dict(account.settings or {}),
        timeout=float(current_app.config["PEPPOL_HTTP_TIMEOUT"]),
    )
    return cls(config)
