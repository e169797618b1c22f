"""Fresh per-test databases, cloned from a template that the real migrations built once.

SQLite: the template file is copied. PostgreSQL: ``CREATE DATABASE ... TEMPLATE`` takes a
few hundred milliseconds, so a background thread keeps a few clones ready while tests run
and drops the used ones; a test still gets a database nobody else has touched.
"""

from __future__ import annotations

import itertools
import queue
import shutil
import threading
from pathlib import Path

_STOP = object()


class SqliteClones:
    def __init__(self, template: Path) -> None:
        self.template = template
        self._counter = itertools.count()

    def fresh(self) -> str:
        target = self.template.with_name(f"test_{next(self._counter)}.sqlite")
        shutil.copy(self.template, target)
        return f"sqlite:///{target}"

    def release(self, url: str) -> None:
        pass  # the files go with pytest's temp directories

    def close(self) -> None:
        pass


class PostgresClones:
    """Clones of ``template`` on ``server``, made ahead by one thread (``ahead`` at a time)."""

    def __init__(self, server, template: str, ahead: int = 2) -> None:
        self.server = server
        self.template = template
        self._ready: queue.Queue = queue.Queue(maxsize=ahead)
        self._used: queue.Queue = queue.Queue()
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._work, name="pg-clones", daemon=True)
        self._thread.start()

    def fresh(self) -> str:
        item = self._ready.get(timeout=120)
        if isinstance(item, BaseException):
            raise RuntimeError("could not clone the template database") from item
        return self.server.url(item)

    def release(self, url: str) -> None:
        """The test that had ``url`` has finished: its database may go."""
        self._used.put(url.rsplit("/", 1)[1])

    def close(self) -> None:
        self._closing.set()
        while True:  # unblock a put() waiting on a full queue
            try:
                self._ready.get_nowait()
            except queue.Empty:
                break
        self._thread.join(timeout=30)

    def _work(self) -> None:
        import psycopg

        dsn = self.server.url("postgres").replace("+psycopg", "")
        try:
            with psycopg.connect(dsn, autocommit=True) as conn:
                for n in itertools.count():
                    if self._closing.is_set():
                        return
                    self._drop_used(conn)
                    name = f"ll_test_{n}"
                    # FILE_COPY: on a template this small it is 2-4x faster than the default
                    # WAL_LOG strategy (measured), and fsync is off on the test cluster.
                    conn.execute(
                        f"CREATE DATABASE {name} TEMPLATE {self.template} STRATEGY FILE_COPY"
                    )
                    self._put(name)
        except BaseException as exc:  # handed to the test that waits for a database
            self._put(exc)

    def _put(self, item) -> None:
        while not self._closing.is_set():
            try:
                self._ready.put(item, timeout=0.5)
                return
            except queue.Full:
                continue

    def _drop_used(self, conn) -> None:
        """Drop the databases of finished tests (their files would otherwise pile up)."""
        while True:
            try:
                name = self._used.get_nowait()
            except queue.Empty:
                return
            # FORCE: a finished test's leaked connection must not keep its database alive.
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
