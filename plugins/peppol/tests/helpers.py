"""Fixtures for peppol tests: provider accounts, fake provider servers, sendable invoices."""

from __future__ import annotations

import pytest

__all__ = [
    "fake_server",
    "mock_account",
    "reset_mocks",
    "sealed_invoice",
    "add_provider",
    "transmit",
    "run_job",
    "refused_url",
]


@pytest.fixture(autouse=True)
def reset_mocks():
    from plugins.peppol.providers.mock import reset_mock_networks

    reset_mock_networks()
    yield
    reset_mock_networks()


@pytest.fixture
def fake_server():
    from plugins.peppol.tests.fakes import FakeServer

    made = []

    def make(routes=None):
        server = FakeServer(routes)
        made.append(server)
        return server

    yield make
    for server in made:
        server.stop()


def add_provider(api, **body):
    resp = api.post("/api/v1/peppol/providers", json=body)
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


@pytest.fixture
def mock_account(api):
    """A ``mock`` provider account named "primary-mock"; returns its MockNetwork."""
    from plugins.peppol.providers.mock import mock_network

    add_provider(api, name="primary-mock", type="mock", priority=10)
    return mock_network("primary-mock")


@pytest.fixture
def sealed_invoice(invoice_for):
    """A finalized invoice to the UAE buyer (0235:1009876543): PINT-AE."""
    return invoice_for("1000.00")


def transmit(api, invoice_id):
    return api.post(f"/api/v1/invoices/{invoice_id}/transmit")


def run_job(name, company_id, **params):
    """Run a peppol job for the company (inline: the tests use the immediate backend)."""
    from core.api import enqueue_job

    return enqueue_job(name, params, company_id=company_id, user_id=None)


def refused_url() -> str:
    """A local URL where nothing listens: connecting is refused at once."""
    from tests.support.servers import free_port

    return f"http://127.0.0.1:{free_port()}/inbox"
