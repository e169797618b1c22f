"""Closing live sockets whose rights were taken away in another process.

Revoking a token, deactivating a user or ending sessions closes the affected connections of
the process that made the change right after its commit (``realtime.disconnect_after_commit``).
Other processes learn of it two ways:

- through the Socket.IO message queue, when one is configured (Redis): the change is
  published on ``CHANNEL`` and every server process closes its own connections in that room
  at once (``flask tokens revoke`` from a shell included);
- without a queue (one server, the CLI elsewhere): each server process re-checks every
  connection's grant every ``SOCKETIO_RECHECK_SECONDS``, and every event a client sends is
  checked before it runs (``core.socket_handlers``).

The watcher is a background task of the server process, started by the first connection and
ending when the process has no connection left.
"""

from __future__ import annotations

import json
import logging
import threading
import time

from flask import current_app

log = logging.getLogger("ledgerline.realtime")

CHANNEL = "ledgerline:socket-disconnect"
GRANTS_KEY = "ledgerline.grants"  # environ of the connection: {namespace: Grant}
_WATCHER_KEY = "ledgerline.socket_watch"


def queue_url(app) -> str | None:
    url = app.config.get("SOCKETIO_MESSAGE_QUEUE")
    return url if isinstance(url, str) and url.startswith(("redis://", "rediss://")) else None


def publish(room: str) -> None:
    """Tell every server process sharing the queue to close its connections in ``room``."""
    url = queue_url(current_app)
    if url is None:
        return
    import redis

    try:
        client = redis.Redis.from_url(url)
        try:
            client.publish(CHANNEL, json.dumps({"room": room}))
        finally:
            client.close()
    except Exception:  # the periodic re-check still closes them; never fail the commit
        log.exception("could not publish the disconnect of %s", room)


def ensure_running(app, server) -> None:
    """Start this process's watcher for ``app`` unless it runs already (called on connect)."""
    state = app.extensions.setdefault(_WATCHER_KEY, {"lock": threading.Lock(), "on": False})
    with state["lock"]:
        if state["on"]:
            return
        state["on"] = True
    server.start_background_task(_watch, app, server, state)


def _watch(app, server, state) -> None:
    every = float(app.config.get("SOCKETIO_RECHECK_SECONDS") or 30)
    pubsub = _subscribe(app)
    next_sweep = time.monotonic() + every
    try:
        while True:
            # With a queue, listen in short waits; without one, only the sweep has work.
            room = _next_room(pubsub, timeout=min(1.0, every) if pubsub else every)
            with app.app_context():
                if room:
                    _close_room(server, room)
                if time.monotonic() >= next_sweep:
                    sweep(server)
                    next_sweep = time.monotonic() + every
                if _idle(server, state):
                    return
    except Exception:
        log.exception("socket watcher stopped")
        with state["lock"]:
            state["on"] = False
    finally:
        if pubsub is not None:
            pubsub.close()


def _subscribe(app):
    url = queue_url(app)
    if url is None:
        return None
    import redis

    pubsub = redis.Redis.from_url(url).pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(CHANNEL)
    return pubsub


def _next_room(pubsub, timeout: float) -> str | None:
    if pubsub is None:
        time.sleep(timeout)
        return None
    message = pubsub.get_message(timeout=timeout)
    if not message or message.get("type") != "message":
        return None
    try:
        return json.loads(message["data"])["room"]
    except (ValueError, KeyError, TypeError):
        return None


def _idle(server, state) -> bool:
    with state["lock"]:
        if server.environ:
            return False
        state["on"] = False
        return True


def _close_room(server, room: str) -> None:
    sids = [sid for sid, _ in server.manager.get_participants("/", room)]
    for sid in sids:
        server.disconnect(sid, namespace="/", ignore_queue=True)


def sweep(server) -> int:
    """Close every connection of this process whose grant no longer holds; return how many."""
    from core.auth.grants import holds
    from core.db import db

    closed = 0
    try:
        for eio_sid, environ in list(server.environ.items()):
            for namespace, grant in list((environ.get(GRANTS_KEY) or {}).items()):
                if holds(grant):
                    continue
                sid = server.manager.sid_from_eio_sid(eio_sid, namespace)
                if sid is not None:
                    server.disconnect(sid, namespace=namespace, ignore_queue=True)
                    closed += 1
    finally:
        db.session.remove()
    return closed
