"""What the wallet asks of the chain: head, blocks, token Transfer logs, balances."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import current_app

from plugins.wallet import keys
from plugins.wallet.rpc import Client

TRANSFER = "0x" + keys.keccak256(b"Transfer(address,address,uint256)").hex()
TRANSFER_WITH_MEMO = (
    "0x" + keys.keccak256(b"TransferWithMemo(address,address,uint256,bytes32)").hex()
)
BALANCE_OF = keys.keccak256(b"balanceOf(address)")[:4].hex()
ADDRESSES_PER_CALL = 200  # OR-filter size of one eth_getLogs; providers cap topic lists
BLOCKS_PER_CALL = 2000


@dataclass(frozen=True)
class Transfer:
    tx_hash: str
    log_index: int
    block_number: int
    block_hash: str
    block_time: dt.datetime | None
    token: str
    sender: str
    to: str
    units: int
    memo: str | None = None


def client() -> Client:
    urls = current_app.config.get("WALLET_RPC_URLS") or []
    if isinstance(urls, str):
        urls = [u.strip() for u in urls.split(",") if u.strip()]
    return Client(urls, float(current_app.config.get("WALLET_RPC_TIMEOUT", 5.0)))


def topic(address: str) -> str:
    return "0x" + address.lower().removeprefix("0x").rjust(64, "0")


def from_topic(value: str) -> str:
    return keys.checksum(value[-40:])


def timestamp(value: str) -> dt.datetime:
    return dt.datetime.fromtimestamp(int(value, 16), dt.UTC).replace(tzinfo=None)


def head(rpc: Client) -> dict:
    """The latest block: ``{"number", "hash", "time"}``."""
    return block_info(rpc.call("eth_getBlockByNumber", "latest", False))


def block_info(block: dict | None) -> dict | None:
    if block is None:
        return None
    return {
        "number": int(block["number"], 16),
        "hash": block["hash"],
        "time": timestamp(block["timestamp"]),
    }


def blocks(rpc: Client, numbers: list[int]) -> dict[int, dict | None]:
    calls = [("eth_getBlockByNumber", [hex(n), False]) for n in numbers]
    return dict(zip(numbers, (block_info(b) for b in rpc.batch(calls)), strict=True))


def transfers(
    rpc: Client, token: str, addresses: list[str], start: int, end: int
) -> list[Transfer]:
    """Transfer logs of ``token`` *to* any of ``addresses`` in blocks ``start..end``.

    Filtering on the indexed ``to`` topic leaves out Tempo's fee transfers (to the fee
    manager) and everything else not paid to a watched address. The same call asks for
    ``TransferWithMemo`` (``to`` is its second indexed topic too), whose memo is attached to
    the ``Transfer`` of the same transaction and recipient.
    """
    found = []
    for first in range(start, end + 1, BLOCKS_PER_CALL):
        last = min(end, first + BLOCKS_PER_CALL - 1)
        for i in range(0, len(addresses), ADDRESSES_PER_CALL):
            chunk = [topic(a) for a in addresses[i : i + ADDRESSES_PER_CALL]]
            flt = {"fromBlock": hex(first), "toBlock": hex(last), "address": token}
            flt["topics"] = [[TRANSFER, TRANSFER_WITH_MEMO], None, chunk]
            found += _with_memos(rpc.call("eth_getLogs", flt))
    return found


def _with_memos(logs: list[dict]) -> list[Transfer]:
    memos = {
        (log["transactionHash"], log["topics"][2]): log["topics"][3]
        for log in logs
        if log["topics"][0] == TRANSFER_WITH_MEMO
    }
    return [
        _transfer(log, memos.get((log["transactionHash"], log["topics"][2])))
        for log in logs
        if log["topics"][0] == TRANSFER
    ]


def _transfer(log: dict, memo: str | None = None) -> Transfer:
    stamp = log.get("blockTimestamp")
    return Transfer(
        tx_hash=log["transactionHash"],
        log_index=int(log["logIndex"], 16),
        block_number=int(log["blockNumber"], 16),
        block_hash=log["blockHash"],
        block_time=timestamp(stamp) if stamp else None,
        token=keys.checksum(log["address"]),
        sender=from_topic(log["topics"][1]),
        to=from_topic(log["topics"][2]),
        units=int(log["data"], 16),
        memo=memo,
    )


def balances(rpc: Client, token: str, addresses: list[str], batch: int = 200) -> dict[str, int]:
    """``balanceOf`` of each address, in JSON-RPC batches."""
    out = {}
    for i in range(0, len(addresses), batch):
        chunk = addresses[i : i + batch]
        calls = [
            ("eth_call", [{"to": token, "data": "0x" + BALANCE_OF + topic(a)[2:]}, "latest"])
            for a in chunk
        ]
        out.update({a: int(r, 16) for a, r in zip(chunk, rpc.batch(calls), strict=True)})
    return out
