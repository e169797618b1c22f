"""Wallet benchmark: one watcher pass over N open requests, each paid, on a real anvil chain.

    .venv/bin/python benchmarks/wallet_bench.py                 # temporary SQLite, N=1000
    .venv/bin/python benchmarks/wallet_bench.py --database-url postgresql+psycopg://...

Needs anvil (``make tools``). Seeds one company with N finalized USD invoices (bulk inserts)
and N payment requests (the real factory), pays every address on chain, then measures in the
same run:
  (a) baseline: the bare ``eth_getLogs`` calls one pass needs (same block range and address
      chunks), with no database work;
  (b) the first pass: records N payments, settles N requests, posts N payments;
  (c) a second pass with nothing new (the steady state of a cron watcher).
Printed ratios are (b)/(a) and (c)/(a). Then address derivation per second through
``keys.derive`` (public derivation + Keccak + EIP-55) against bip32's derivation alone.
"""

from __future__ import annotations

import datetime as dt
import secrets
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import common  # noqa: E402
from benchmarks.common import Figure  # noqa: E402
from plugins.wallet.tests.anvil import ALPHA_USD, Anvil, word  # noqa: E402
from plugins.wallet.tests.helpers import account_xpub  # noqa: E402


def add_arguments(parser) -> None:
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--derivations", type=int, default=3000)


def run(
    db_url: str | None, scale: int, requests: int = 1000, derivations: int = 3000
) -> list[Figure]:
    anvil = Anvil()
    try:
        with common.bench_app(db_url, WALLET_RPC_URLS=anvil.url):
            base, first, second = watch(anvil, requests)
    finally:
        anvil.stop()
    bare, ours = derivation(derivations)
    note = f"{requests} paid requests on anvil; baseline: the bare eth_getLogs of one pass"
    per = 1000 / derivations
    return [
        Figure("watcher first pass (record, settle, post)", first, base, "s", note=note),
        Figure("watcher idle pass (nothing new)", second, base, "s", note=note),
        Figure("keys.derive, per EIP-55 address", ours * per, bare * per, "ms",
               note=f"{derivations} addresses; baseline: bip32 public derivation alone"),
    ]  # fmt: skip


def seed(count: int) -> list:
    """A company, a customer, ``count`` finalized USD invoices and their payment requests."""
    from sqlalchemy import insert, select

    from core.api import db
    from plugins.invoicing.models import Customer, Invoice
    from plugins.wallet import factory, settings

    company = common.seed_company()
    customer = Customer(company_id=company.id, name="Gulf Buyer LLC", country="AE")
    db.session.add(customer)
    db.session.flush()
    rows = [_invoice(company.id, customer.id, i) for i in range(count)]
    db.session.execute(insert(Invoice), rows)
    settings.update(company.id, {"xpub": account_xpub(1), "chain_id": 31337})
    settings.update(company.id, {"token_address": ALPHA_USD})
    ids = db.session.scalars(select(Invoice.id).where(Invoice.company_id == company.id)).all()
    requests = [factory.create(company.id, i) for i in ids]
    db.session.commit()
    return [(r.address, int(r.amount_units)) for r in requests]


def _invoice(company_id: int, customer_id: int, i: int) -> dict:
    return {
        "company_id": company_id,
        "customer_id": customer_id,
        "number": f"INV/2026/{i + 1:05d}",
        "type": "invoice",
        "status": "FINALIZED",
        "payment_status": "unpaid",
        "issue_date": dt.date(2026, 1, 1),
        "currency": "USD",
        "exchange_rate": Decimal(1),
        "subtotal": Decimal("100.00"),
        "tax_total": Decimal("5.00"),
        "total": Decimal("105.00"),
        "amount_due": Decimal("105.00"),
        "hash": secrets.token_hex(32),
    }


def pay_all(anvil: Anvil, payments: list) -> None:
    """One transfer per request, sent in JSON-RPC batches of 100, one block per batch."""
    import json
    import urllib.request

    sender = anvil.accounts[1]
    nonce = int(anvil.rpc("eth_getTransactionCount", sender, "pending"), 16)
    anvil.rpc("evm_setAutomine", False)  # explicit nonces, one mined block per batch
    hashes = []
    for start in range(0, len(payments), 100):
        batch = [
            {
                "jsonrpc": "2.0",
                "id": i,
                "method": "eth_sendTransaction",
                "params": [
                    {
                        "from": sender,
                        "to": ALPHA_USD,
                        "nonce": hex(nonce + start + i),
                        "data": f"0xa9059cbb{word(a)}{word(u)}",
                    }
                ],
            }
            for i, (a, u) in enumerate(payments[start : start + 100])
        ]
        req = urllib.request.Request(
            anvil.url, json.dumps(batch).encode(), {"Content-Type": "application/json"}
        )
        answers = json.loads(urllib.request.urlopen(req, timeout=120).read())
        errors = [a["error"] for a in answers if "error" in a]
        assert not errors, errors[:3]
        hashes += [a["result"] for a in answers]
        anvil.mine(1)  # 100 transfers fit in one block; a longer queue loses some
    anvil.rpc("evm_setAutomine", True)
    for tx_hash in hashes:
        anvil.receipt(tx_hash)  # every transfer mined and successful
    anvil.mine(1)


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    took = time.perf_counter() - start
    print(f"{label}: {took:.3f} s")
    return took, result


def derivation(count: int) -> tuple[float, float]:
    from bip32 import BIP32

    from plugins.wallet import keys

    xpub = account_xpub(1)
    account = BIP32.from_xpub(xpub)
    bare, _ = timed(
        f"bip32 alone, {count} public keys",
        lambda: [account.get_pubkey_from_path([0, i]) for i in range(count)],
    )
    ours, _ = timed(
        f"keys.derive, {count} EIP-55 addresses",
        lambda: [keys.derive(xpub, i) for i in range(count)],
    )
    return bare, ours


def watch(anvil: Anvil, requests: int) -> tuple[float, float, float]:
    from plugins.wallet import chain, watcher

    _, payments = timed("seed invoices + payment requests", lambda: seed(requests))
    timed("pay every address on chain", lambda: pay_all(anvil, payments))
    rpc = chain.client()
    head = anvil.head()
    addresses = sorted(a.lower() for a, _ in payments)
    base, found = timed(
        "baseline: bare eth_getLogs of one pass",
        lambda: chain.transfers(rpc, ALPHA_USD, addresses, 0, head),
    )
    assert len(found) == requests, len(found)
    first, report = timed("first pass (record + settle + post)", watcher.run)
    assert len(report.recorded) == requests, len(report.recorded)
    second, _ = timed("second pass (nothing new)", watcher.run)
    return base, first, second


if __name__ == "__main__":
    common.main(run, __doc__, add_arguments)
