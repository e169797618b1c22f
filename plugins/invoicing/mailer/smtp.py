"""Hand one message to the SMTP server; any failure comes back as one readable MailError."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from plugins.invoicing.mailer.settings import SmtpSettings


class MailError(RuntimeError):
    pass


def deliver(message: EmailMessage, settings: SmtpSettings) -> None:
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.username:
                smtp.login(settings.username, settings.password or "")
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        # The server's own words (e.g. "550 mailbox unavailable") are what an admin needs.
        raise MailError(
            f"SMTP {settings.host}:{settings.port}: {exc.__class__.__name__}: {exc}"
        ) from exc
