"""A real SMTP server (aiosmtpd) for the e-mail and reminder tests, and its own checks.

Addresses starting with "reject" are refused with 550, as a real mail server refuses an
unknown mailbox, so failures travel the same path as in production.
"""

from __future__ import annotations

import email
import smtplib
from email import policy

import pytest
from aiosmtpd.controller import Controller

from tests.conftest import _base_config
from tests.support.servers import free_port

__all__ = ["SENDER", "app_config", "attachments", "mail_config", "mail_customer", "smtp_server"]

SENDER = "billing@acme.ae"


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.startswith("reject"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(message)
        return "250 Message accepted"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


@pytest.fixture
def mail_config(smtp_server):
    return {
        "INVOICING_SMTP_HOST": "127.0.0.1",
        "INVOICING_SMTP_PORT": smtp_server.port,
        "INVOICING_SMTP_SENDER": SENDER,
    }


@pytest.fixture
def app_config(db_url, tmp_path, mail_config):
    return {**_base_config(db_url, tmp_path), **mail_config}


@pytest.fixture
def mail_customer(app, customer):
    """The shared customer, with an e-mail address to send to."""
    from core.api import db
    from plugins.invoicing.services import customers

    customers.update(customer, {"email": "ap@gulfbuyer.ae"})
    db.session.commit()
    return customer


def attachments(message) -> dict:
    return {part.get_filename(): part for part in message.iter_attachments()}


def test_server_receives_and_refuses_like_a_mail_server(smtp_server):
    with smtplib.SMTP("127.0.0.1", smtp_server.port) as client:
        client.sendmail(SENDER, ["ap@gulfbuyer.ae"], "Subject: hi\r\n\r\nhello")
        with pytest.raises(smtplib.SMTPRecipientsRefused):
            client.sendmail(SENDER, ["reject@gulfbuyer.ae"], "Subject: hi\r\n\r\nhello")
    assert [m["Subject"] for m in smtp_server.messages] == ["hi"]


def test_settings_name_what_is_missing(app):
    from plugins.invoicing.mailer import settings

    app.config.pop("INVOICING_SMTP_HOST")
    assert settings.configured() is False
    with pytest.raises(settings.MailNotConfigured, match="LEDGERLINE_INVOICING_SMTP_HOST"):
        settings.load()


def test_unreachable_server_is_a_readable_error(app):
    from plugins.invoicing.mailer import settings
    from plugins.invoicing.mailer.smtp import MailError, deliver

    app.config["INVOICING_SMTP_PORT"] = free_port()  # nothing listens there
    with pytest.raises(MailError, match=r"SMTP 127\.0\.0\.1:\d+: ConnectionRefusedError"):
        deliver(email.message.EmailMessage(), settings.load())
