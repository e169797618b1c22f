"""Recent Socket.IO events per room, so a page misses nothing between its render and its
socket's first connect (or while its connection was down).

A page is rendered with the moment its request began (``live_since``, a ``<meta>`` of
``base.html``); its socket, once connected, asks for what its rooms were sent since then
(``catch_up`` and the ``since`` of each ``join``, core/socket_handlers.py) and fires those
events as if they had just arrived (static/core/realtime.js). A record changed by someone else
in that gap thus reaches the page like any live change. Events are facts with ids (pages
re-fetch what they show), so one seen twice costs one more re-fetch, never a wrong page.

Each room keeps its last ``KEEP`` events for ``HORIZON_SECONDS``; a page older than that, or a
room busier than that, gets ``complete: false`` and re-fetches its live parts instead. With
``SOCKETIO_MESSAGE_QUEUE`` set the log lives in that Redis (every app process and worker
writes and reads the same), otherwise in this process's memory.
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict, deque

from flask import current_app, g

KEY = "ledgerline.event_log"
PREFIX = "ll:events:"
KEEP = 100
HORIZON_SECONDS = 900
# Clocks of two app processes may differ a little: a page asks from a bit before its render
# (an event seen twice is harmless, one missed is not).
MARGIN_SECONDS = 2.0
NOT_LOGGED = frozenset({"presence"})  # state, not news: the join answers with the viewers


def init_app(app) -> None:
    url = app.config.get("SOCKETIO_MESSAGE_QUEUE") or ""
    app.extensions[KEY] = RedisLog(url) if url.startswith("redis") else MemoryLog()
    app.before_request(_mark_start)
    app.jinja_env.globals["live_since"] = live_since


def store():
    return current_app.extensions[KEY]


def _mark_start() -> None:
    g.live_since = time.time()


def live_since() -> str:
    """When this page's request began (before it read anything), for its socket's catch-up."""
    started = g.get("live_since") or time.time()
    return f"{started - MARGIN_SECONDS:.3f}"


def record(event: str, data: dict, rooms) -> None:
    if event in NOT_LOGGED:
        return
    entry = {"ts": time.time(), "event": event, "data": data}
    store().add([rooms] if isinstance(rooms, str) else list(rooms), entry)


def since(rooms, moment: float) -> dict:
    """The events sent to ``rooms`` after ``moment``, oldest first, once each, as
    ``[event, data, key]``; ``complete`` is false when the log may no longer hold all."""
    now = time.time()
    complete = moment >= now - HORIZON_SECONDS
    found: dict[str, dict] = {}
    for entries in store().entries(list(rooms)):
        if len(entries) >= KEEP and entries[0]["ts"] > moment:
            complete = False  # the room's oldest kept event is newer than the page
        for entry in entries:
            if entry["ts"] > moment:
                found[_key(entry)] = entry
    events = sorted(found.values(), key=lambda e: e["ts"])
    return {
        "events": [[e["event"], e["data"], _key(e)] for e in events],
        "complete": complete,
        "now": now,
    }


def _key(entry: dict) -> str:
    """One event sent to several rooms (company and record) is one entry: the same key."""
    data = json.dumps(entry["data"], sort_keys=True, default=str)
    return f"{entry['ts']:.6f} {entry['event']} {data}"


class MemoryLog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rooms: dict[str, deque] = defaultdict(lambda: deque(maxlen=KEEP))

    def add(self, rooms: list[str], entry: dict) -> None:
        with self._lock:
            for room in rooms:
                self._rooms[room].append(entry)

    def entries(self, rooms: list[str]) -> list[list[dict]]:
        """Per room, its kept events oldest first (expired ones left out)."""
        oldest = time.time() - HORIZON_SECONDS
        with self._lock:
            return [[e for e in self._rooms.get(room, ()) if e["ts"] >= oldest] for room in rooms]


class RedisLog:
    def __init__(self, url: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url, decode_responses=True)

    def add(self, rooms: list[str], entry: dict) -> None:
        text = json.dumps(entry, default=str)
        pipe = self._redis.pipeline(transaction=False)
        for room in rooms:
            pipe.rpush(PREFIX + room, text)
            pipe.ltrim(PREFIX + room, -KEEP, -1)
            pipe.expire(PREFIX + room, HORIZON_SECONDS)
        pipe.execute()

    def entries(self, rooms: list[str]) -> list[list[dict]]:
        if not rooms:
            return []
        pipe = self._redis.pipeline(transaction=False)
        for room in rooms:
            pipe.lrange(PREFIX + room, 0, -1)
        return [[json.loads(text) for text in texts] for texts in pipe.execute()]
