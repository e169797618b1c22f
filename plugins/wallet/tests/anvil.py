"""A real anvil node with Tempo emulation, started per test on a free port and stopped by pid.

The binary comes from the npm registry (``make tools`` → ``tools/node_modules``);
``LEDGERLINE_ANVIL`` may point at another one.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
BINARY = ROOT / "tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
ALPHA_USD = "0x20C0000000000000000000000000000000000001"
BETA_USD = "0x20C0000000000000000000000000000000000002"
TRANSFER = "a9059cbb"
TRANSFER_WITH_MEMO = "95777d59"


def binary() -> str:
    path = os.environ.get("LEDGERLINE_ANVIL") or str(BINARY)
    if not Path(path).is_file():
        raise RuntimeError(f"anvil is not installed at {path}: run `make tools`")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def word(value) -> str:
    if isinstance(value, str):
        return value.lower().removeprefix("0x").rjust(64, "0")
    return format(value, "064x")


class Anvil:
    def __init__(self, *extra: str):
        for _ in range(3):  # a parallel test may take the free port first: try another
            if self._start(extra):
                self.accounts = self.rpc("eth_accounts")
                return
        raise RuntimeError("anvil did not start")

    def _start(self, extra) -> bool:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [binary(), "--host", "127.0.0.1", "--port", str(self.port), "--network", "tempo"]
        self.proc = subprocess.Popen(
            [*args, *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(200):
            if self.proc.poll() is not None:
                return False
            try:
                self.rpc("eth_chainId")
                time.sleep(0.05)
                return self.proc.poll() is None  # answered by our node, not another one
            except OSError:
                time.sleep(0.05)
        self.stop()
        return False

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)

    def rpc(self, method: str, *params):
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)})
        req = urllib.request.Request(self.url, body.encode(), {"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            answer = json.loads(resp.read())
        if answer.get("error"):
            raise RuntimeError(answer["error"])
        return answer["result"]

    def send(self, token: str, to: str, units: int, sender: int = 1, memo: str | None = None):
        """A token transfer from dev account ``sender``; returns the tx hash."""
        data = f"0x{TRANSFER}{word(to)}{word(units)}"
        if memo is not None:
            data = f"0x{TRANSFER_WITH_MEMO}{word(to)}{word(units)}{word(memo)}"
        tx = {"from": self.accounts[sender], "to": token, "data": data}
        return self.rpc("eth_sendTransaction", tx)

    def pay(self, token: str, to: str, units: int, **kw) -> dict:
        return self.receipt(self.send(token, to, units, **kw))

    def receipt(self, tx_hash: str) -> dict:
        """The mined receipt (anvil mines right after answering the send)."""
        for _ in range(400):
            receipt = self.rpc("eth_getTransactionReceipt", tx_hash)
            if receipt is not None:
                assert receipt["status"] == "0x1", receipt
                return receipt
            time.sleep(0.01)
        raise AssertionError(f"{tx_hash} was not mined")

    def mine(self, blocks: int = 1) -> None:
        self.rpc("anvil_mine", hex(blocks))

    def advance(self, seconds: int) -> None:
        """Move chain time forward and mine a block stamped with it."""
        self.rpc("evm_increaseTime", seconds)
        self.mine()

    def head(self) -> int:
        return int(self.rpc("eth_blockNumber"), 16)

    def balance(self, token: str, address: str) -> int:
        call = {"to": token, "data": f"0x70a08231{word(address)}"}
        return int(self.rpc("eth_call", call, "latest"), 16)
