"""JSON-RPC over HTTP to the chain, with providers in priority order and a circuit breaker each.

A provider that times out or errors counts a failure; after ``FAILURES_TO_OPEN`` in a row its
breaker opens and calls skip it for ``OPEN_SECONDS``, then one call tries it again (half-open).
Breakers live per process, keyed by URL, so ``/api/v1/wallet/health`` shows what the watcher saw.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from core.api import ApiError

FAILURES_TO_OPEN = 3
OPEN_SECONDS = 30.0


class RpcError(ApiError):
    """The node answered with a JSON-RPC error (the request itself was bad)."""

    def __init__(self, message: str):
        super().__init__(502, "chain_error", f"The chain node refused a call: {message}")


class NotConfigured(ApiError):
    """No RPC provider is configured: a set-up matter (409), not a server failure."""

    def __init__(self):
        super().__init__(
            409,
            "chain_not_configured",
            "No RPC provider is configured: set LEDGERLINE_WALLET_RPC_URLS.",
        )


class NoProvider(ApiError):
    """Every provider failed or has an open breaker (an API caller gets a JSON 503)."""

    def __init__(self, message: str):
        super().__init__(503, "chain_unavailable", f"No RPC provider answered: {message}")


@dataclass
class Breaker:
    url: str
    failures: int = 0
    opened_at: float | None = None
    last_error: str | None = None
    head: int | None = None
    latency_ms: float | None = None

    @property
    def state(self) -> str:
        if self.opened_at is None:
            return "closed"
        return "half-open" if time.monotonic() - self.opened_at >= OPEN_SECONDS else "open"

    def usable(self) -> bool:
        return self.state != "open"

    def succeeded(self, latency: float) -> None:
        self.failures, self.opened_at, self.latency_ms = 0, None, round(latency * 1000, 1)

    def failed(self, error: str) -> None:
        self.failures += 1
        self.last_error = error
        if self.failures >= FAILURES_TO_OPEN or self.opened_at is not None:
            self.opened_at = time.monotonic()


_BREAKERS: dict[str, Breaker] = {}
_LOCK = threading.Lock()


def breaker(url: str) -> Breaker:
    with _LOCK:
        return _BREAKERS.setdefault(url, Breaker(url))


def post(url: str, payload, timeout: float):
    """One HTTP round trip; raises OSError-like errors for transport failures."""
    body = json.dumps(payload).encode()
    req = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return json.loads(resp.read())


def _result(answer: dict):
    if "error" in answer and answer["error"]:
        raise RpcError(answer["error"].get("message", str(answer["error"])))
    return answer.get("result")


class Client:
    """``Client(urls).call("eth_blockNumber")`` tries providers in order until one answers."""

    def __init__(self, urls: list[str], timeout: float = 5.0):
        if not urls:
            raise NotConfigured()
        self.urls, self.timeout = list(urls), timeout

    def call(self, method: str, *params):
        return _result(self._send({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}))

    def batch(self, calls: list[tuple[str, list]]) -> list:
        """Several calls in one HTTP request (JSON-RPC batch); results in the calls' order."""
        if not calls:
            return []
        payload = [
            {"jsonrpc": "2.0", "id": i, "method": m, "params": list(p)}
            for i, (m, p) in enumerate(calls)
        ]
        answers = {a["id"]: a for a in self._send(payload)}
        return [_result(answers[i]) for i in range(len(calls))]

    def _send(self, payload):
        errors = []
        for url in self.urls:
            state = breaker(url)
            if not state.usable():
                errors.append(f"{url}: circuit open")
                continue
            started = time.monotonic()
            try:
                answer = post(url, payload, self.timeout)
            except (OSError, ValueError) as exc:  # refused, timeout, HTTP error, bad JSON
                state.failed(f"{type(exc).__name__}: {exc}")
                errors.append(f"{url}: {exc}")
                continue
            state.succeeded(time.monotonic() - started)
            return answer
        raise NoProvider("; ".join(errors) or "no provider")
