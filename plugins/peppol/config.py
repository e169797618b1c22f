"""Configuration defaults (``LEDGERLINE_PEPPOL_*`` in the environment)."""

from __future__ import annotations


def defaults() -> dict:
    return {
        "PEPPOL_HTTP_TIMEOUT": 10.0,  # seconds per provider call
        "PEPPOL_MAX_ATTEMPTS": 6,  # provider rounds before PERMANENTLY_FAILED
        "PEPPOL_RETRY_BASE_SECONDS": 30.0,  # backoff: base * 2**(n-1), with jitter
        "PEPPOL_RETRY_MAX_SECONDS": 3600.0,
        "PEPPOL_CIRCUIT_THRESHOLD": 3,  # consecutive failures that open a circuit
        "PEPPOL_CIRCUIT_COOLDOWN_SECONDS": 60.0,  # open -> half-open
        "PEPPOL_LOOKUP_RECHECK_HOURS": 24,
        "PEPPOL_CREDENTIALS_KEY": None,  # Fernet key; default derived from SECRET_KEY
        "PEPPOL_WEBHOOK_MAX_ATTEMPTS": 5,
        "PEPPOL_ALLOW_PRIVATE_URLS": False,  # allow provider/webhook URLs on internal networks
        "METRICS_TOKEN": None,  # LEDGERLINE_METRICS_TOKEN: Bearer token for /metrics
    }


def setting(name: str):
    from flask import current_app

    return current_app.config[name]
