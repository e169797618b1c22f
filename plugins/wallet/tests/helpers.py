"""Wallet test fixtures: a real anvil chain, an xpub, a configured company, a scan command."""

from __future__ import annotations

import hashlib

import pytest

from plugins.wallet.tests.anvil import ALPHA_USD, Anvil

__all__ = ["anvil", "xpub", "wallet_api", "scan", "request_for", "ACCOUNT_XPUB"]

MNEMONIC = "test test test test test test test test test test test junk"


def account_xpub(account: int) -> str:
    """The xpub at m/44'/60'/<account>' of the public anvil mnemonic (tests only hold seeds)."""
    from bip32 import BIP32

    seed = hashlib.pbkdf2_hmac("sha512", MNEMONIC.encode(), b"mnemonic", 2048)
    return BIP32.from_seed(seed).get_xpub_from_path(f"m/44'/60'/{account}'")


ACCOUNT_XPUB = account_xpub


@pytest.fixture
def anvil():
    node = Anvil("--hardfork", "t4")
    yield node
    node.stop()


@pytest.fixture
def xpub():
    # Account 1': addresses no anvil dev account uses, so balances start at zero.
    return account_xpub(1)


@pytest.fixture
def wallet_api(api, xpub):
    """The company's API client with the wallet set to HD mode on the anvil chain."""
    body = {
        "mode": "hd",
        "xpub": xpub,
        "chain_id": 31337,
        "token_address": ALPHA_USD,
        "confirmations": 1,
    }
    resp = api.patch("/api/v1/wallet/settings", json=body)
    assert resp.status_code == 200, resp.get_json()
    return api


@pytest.fixture
def scan(app):
    """``scan()`` runs ``flask wallet scan`` and returns its printed lines."""

    def run(*args):
        result = app.test_cli_runner().invoke(args=["wallet", "scan", *args])
        assert result.exit_code == 0, result.output
        return result.output.splitlines()

    return run


@pytest.fixture
def request_for(wallet_api, invoice_for):
    """``request_for("100.00")``: a finalized invoice's payment request (JSON)."""

    def make(unit_price="100.00", **kw):
        inv = invoice_for(unit_price, currency="USD")
        resp = wallet_api.post(f"/api/v1/invoices/{inv['id']}/payment-requests", json=kw)
        assert resp.status_code == 201, resp.get_json()
        return resp.get_json()

    return make
