"""SMTP settings come from the environment: LEDGERLINE_INVOICING_SMTP_*."""

from __future__ import annotations

import pytest

from plugins.invoicing.tests.helpers import draft_payload
from plugins.invoicing.tests.test_email_server import *  # noqa: F403  (SMTP fixtures)
from tests.conftest import _base_config


@pytest.fixture
def app_config(db_url, tmp_path, smtp_server, monkeypatch):
    monkeypatch.setenv("LEDGERLINE_INVOICING_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("LEDGERLINE_INVOICING_SMTP_PORT", str(smtp_server.port))
    monkeypatch.setenv("LEDGERLINE_INVOICING_SMTP_SENDER", "invoices@acme.ae")
    monkeypatch.setenv("LEDGERLINE_INVOICING_SMTP_STARTTLS", "false")
    return _base_config(db_url, tmp_path)


def test_environment_configures_delivery(api, mail_customer, smtp_server):
    draft = api.post("/api/v1/invoices", json=draft_payload(mail_customer.id)).get_json()
    inv = api.post(f"/api/v1/invoices/{draft['id']}/finalize").get_json()
    api.post(f"/api/v1/invoices/{inv['id']}/approve")
    assert api.post(f"/api/v1/invoices/{inv['id']}/send").status_code == 200
    [message] = smtp_server.messages
    assert message["From"] == "invoices@acme.ae" and inv["number"] in message["Subject"]
