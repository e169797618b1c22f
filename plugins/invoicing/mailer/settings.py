"""SMTP settings from the app config (``LEDGERLINE_INVOICING_SMTP_*`` in the environment)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

PREFIX = "INVOICING_SMTP_"


class MailNotConfigured(RuntimeError):
    pass


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 30


def _flag(value) -> bool:
    # from_prefixed_env turns "true" into True but leaves "yes" or "1 " as text.
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def configured() -> bool:
    config = current_app.config
    return bool(config.get(PREFIX + "HOST") and config.get(PREFIX + "SENDER"))


def load() -> SmtpSettings:
    """The settings, or a message naming exactly what is missing or wrong."""
    config = current_app.config
    if not configured():
        raise MailNotConfigured(
            "E-mail is not configured: set LEDGERLINE_INVOICING_SMTP_HOST and "
            "LEDGERLINE_INVOICING_SMTP_SENDER (and _PORT, _USERNAME, _PASSWORD, _STARTTLS)."
        )
    port = config.get(PREFIX + "PORT") or 25
    try:
        port = int(port)
    except (TypeError, ValueError):
        raise MailNotConfigured(f"INVOICING_SMTP_PORT must be a number, not {port!r}") from None
    return SmtpSettings(
        host=str(config[PREFIX + "HOST"]),
        port=port,
        sender=str(config[PREFIX + "SENDER"]),
        username=config.get(PREFIX + "USERNAME") or None,
        password=config.get(PREFIX + "PASSWORD") or None,
        starttls=_flag(config.get(PREFIX + "STARTTLS", False)),
        timeout=float(config.get(PREFIX + "TIMEOUT") or 30),
    )
