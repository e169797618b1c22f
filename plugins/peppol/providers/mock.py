"""``mock``: an in-process provider, deterministic and scriptable, for tests, demos and benchmarks.

Every account name has its own ``MockNetwork`` state in this process. Script failures with
``mock_network(name).script("timeout", "ok")`` (one outcome per call, then "ok"), or set the
account setting ``{"fail": "server_error"}`` to fail every send. Outcomes are the error
classes of ``plugins.peppol.errors`` plus ``"ok"`` and ``"crash"`` (an unexpected exception).
Sending the same SBDH instance id twice delivers once, as a real receiving access point does.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field

from plugins.peppol.errors import PERMANENT_CLASSES, PermanentError, TransientError
from plugins.peppol.providers.base import (
    Health,
    InboxMessage,
    Lookup,
    Mls,
    Outgoing,
    Provider,
    SendResult,
    Status,
)

BIS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"


@dataclass
class MockNetwork:
    outcomes: deque = field(default_factory=deque)
    delivered: dict = field(default_factory=dict)  # instance id -> Outgoing
    calls: int = 0
    statuses: dict = field(default_factory=dict)  # message id -> Status
    inbox: list = field(default_factory=list)  # InboxMessage
    acks: list = field(default_factory=list)  # (message id, Mls)
    ack_outcomes: deque = field(default_factory=deque)  # scripted acknowledge outcomes
    registered: dict = field(default_factory=dict)  # participant -> document types
    lock: threading.Lock = field(default_factory=threading.Lock)

    def script(self, *outcomes: str) -> MockNetwork:
        self.outcomes.extend(outcomes)
        return self

    def next_outcome(self, default: str) -> str:
        with self.lock:
            self.calls += 1
            return self.outcomes.popleft() if self.outcomes else default


_NETWORKS: dict[str, MockNetwork] = {}
_LOCK = threading.Lock()


def mock_network(name: str) -> MockNetwork:
    with _LOCK:
        return _NETWORKS.setdefault(name, MockNetwork())


def reset_mock_networks() -> None:
    with _LOCK:
        _NETWORKS.clear()


def _raise(outcome: str) -> None:
    if outcome == "ok":
        return
    if outcome == "crash":
        raise RuntimeError("mock provider crashed")
    message = f"mock provider answered {outcome}"
    if outcome in PERMANENT_CLASSES:
        raise PermanentError(outcome, message, status_code=400)
    raise TransientError(outcome, message, status_code=503)


class MockProvider(Provider):
    type = "mock"
    label = "Mock (in-process, for tests and demos)"

    @property
    def net(self) -> MockNetwork:
        return mock_network(self.account.name)

    def send(self, doc: Outgoing) -> SendResult:
        _raise(self.net.next_outcome(self.account.settings.get("fail", "ok")))
        message_id = f"mock-{doc.instance_id}"
        with self.net.lock:
            self.net.delivered.setdefault(doc.instance_id, doc)
        return SendResult(message_id, request_id=f"req-{self.net.calls}", status_code=202)

    def status(self, message_id: str) -> Status:
        return self.net.statuses.get(message_id, Status("delivered", Mls("AP")))

    def fetch_inbox(self) -> list[InboxMessage]:
        acked = {m for m, _ in self.net.acks}
        return [m for m in self.net.inbox if m.message_id not in acked]

    def acknowledge(self, message_id: str, mls: Mls) -> None:
        outcome = self.net.ack_outcomes.popleft() if self.net.ack_outcomes else "ok"
        _raise(outcome)
        self.net.acks.append((message_id, mls))

    def lookup(self, participant_id: str) -> Lookup:
        types = self.net.registered.get(participant_id)
        return Lookup(types is not None, tuple(types or ()))

    def health(self) -> Health:
        fail = self.account.settings.get("fail", "ok")
        return Health(fail == "ok", "" if fail == "ok" else f"scripted to fail: {fail}")
