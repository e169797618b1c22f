"""Presence: who is viewing a record right now, per room.

One entry per Socket.IO connection (sid), so a user with two tabs open stays listed until the
last tab leaves. With ``SOCKETIO_MESSAGE_QUEUE`` set, entries live in that Redis so every app
process sees the same viewers; otherwise in this process's memory.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict

from flask import current_app

KEY = "ledgerline.presence"
PREFIX = "ll:presence:"
# Entries of a process that died without saying goodbye disappear after this many seconds;
# every join refreshes the expiry of the room it touches.
TTL_SECONDS = 12 * 3600


def init_app(app) -> None:
    url = app.config.get("SOCKETIO_MESSAGE_QUEUE") or ""
    app.extensions[KEY] = RedisPresence(url) if url.startswith("redis") else MemoryPresence()
    # Pages render the viewers known at render time; realtime.js keeps the list current.
    app.jinja_env.globals["presence_viewers"] = lambda room: store().viewers(room)


def store():
    return current_app.extensions[KEY]


def unique_viewers(entries) -> list[dict]:
    """One line per user, sorted by name, whatever the number of their connections."""
    by_user = {e["user_id"]: e for e in entries}
    return sorted(by_user.values(), key=lambda e: (e["name"].lower(), e["user_id"]))


class MemoryPresence:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rooms: dict[str, dict[str, dict]] = defaultdict(dict)
        self._sids: dict[str, set[str]] = defaultdict(set)

    def add(self, room: str, sid: str, viewer: dict) -> None:
        with self._lock:
            self._rooms[room][sid] = viewer
            self._sids[sid].add(room)

    def remove(self, room: str, sid: str) -> bool:
        with self._lock:
            self._sids.get(sid, set()).discard(room)
            return self._rooms.get(room, {}).pop(sid, None) is not None

    def drop(self, sid: str) -> list[str]:
        """Forget a closed connection; return the rooms it was in."""
        with self._lock:
            rooms = sorted(self._sids.pop(sid, set()))
            for room in rooms:
                self._rooms.get(room, {}).pop(sid, None)
            return rooms

    def viewers(self, room: str) -> list[dict]:
        with self._lock:
            return unique_viewers(list(self._rooms.get(room, {}).values()))


class RedisPresence:
    def __init__(self, url: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url, decode_responses=True)

    def add(self, room: str, sid: str, viewer: dict) -> None:
        pipe = self._redis.pipeline()
        pipe.hset(PREFIX + "room:" + room, sid, json.dumps(viewer))
        pipe.sadd(PREFIX + "sid:" + sid, room)
        pipe.expire(PREFIX + "room:" + room, TTL_SECONDS)
        pipe.expire(PREFIX + "sid:" + sid, TTL_SECONDS)
        pipe.execute()

    def remove(self, room: str, sid: str) -> bool:
        pipe = self._redis.pipeline()
        pipe.hdel(PREFIX + "room:" + room, sid)
        pipe.srem(PREFIX + "sid:" + sid, room)
        removed, _ = pipe.execute()
        return bool(removed)

    def drop(self, sid: str) -> list[str]:
        rooms = sorted(self._redis.smembers(PREFIX + "sid:" + sid))
        pipe = self._redis.pipeline()
        for room in rooms:
            pipe.hdel(PREFIX + "room:" + room, sid)
        pipe.delete(PREFIX + "sid:" + sid)
        pipe.execute()
        return rooms

    def viewers(self, room: str) -> list[dict]:
        raw = self._redis.hvals(PREFIX + "room:" + room)
        return unique_viewers(json.loads(v) for v in raw)
