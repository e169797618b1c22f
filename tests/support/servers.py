"""Real servers for tests, started by the tests themselves: the launchers of scripts/servers.py
(the one module that `make cluster` and the benchmarks use too) under the tests' names."""

from __future__ import annotations

from scripts.servers import Postgres, Redis, free_port, wait_for_http, wait_for_port

__all__ = ["PostgresServer", "RedisServer", "free_port", "wait_for_http", "wait_for_port"]


class PostgresServer(Postgres):
    """A throw-away cluster in a temp dir (fsync off), running once created."""

    def __init__(self) -> None:
        super().__init__()
        self.start()


class RedisServer(Redis):
    """A Redis on a free port, running once created."""

    def __init__(self) -> None:
        super().__init__()
        self.start()
