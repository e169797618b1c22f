"""Socket.IO: authenticated connections, company and record rooms, emit after commit.

Rooms are named ``"<kind>:<id>"``. Every connection joins ``company:<id>`` (its own company)
and ``user:<id>`` on connect. SUPER_ADMIN has no company, so it joins no company room by
itself; being allowed to read every company, it may join any ``company:<id>`` explicitly.
Record rooms (``invoice:12``) are joined on request, after ``authorize_room`` says yes.
"""

from __future__ import annotations

import logging
import re

from flask import current_app

from core import edit_rooms, event_log
from core.extensions import socketio

log = logging.getLogger("ledgerline.realtime")

ROOM = re.compile(r"^([a-z][a-z0-9_.]{0,49}):([A-Za-z0-9_-]{1,64})$")
SERVER_KEY = "ledgerline.socketio_server"


class RoomError(ValueError):
    """A room name that is not ``"<kind>:<id>"``."""


def init_app(app) -> None:
    options = {}
    transports = app.config.get("SOCKETIO_TRANSPORTS")
    if transports:
        # e.g. ["polling"] behind a proxy that cannot pass WebSockets; default: both.
        if isinstance(transports, str):
            transports = [t.strip() for t in transports.split(",") if t.strip()]
        options["transports"] = list(transports)
    socketio.init_app(
        app,
        **options,
        async_mode=app.config["SOCKETIO_ASYNC_MODE"],
        message_queue=app.config.get("SOCKETIO_MESSAGE_QUEUE") or None,
        # None = same origin only; an empty list would switch the Origin check off and let
        # any site open a socket with the user's cookie.
        cors_allowed_origins=app.config.get("SOCKETIO_CORS_ORIGINS") or None,
        manage_session=False,
    )
    # The SocketIO object is shared by every app in the process (tests build many); each app
    # keeps the server it was given so its emits never reach another app's clients.
    app.extensions[SERVER_KEY] = socketio.server

    from core import live_activity, presence, socket_handlers

    edit_rooms.init_app(app)
    event_log.init_app(app)
    presence.init_app(app)
    socket_handlers.init_app(app, socketio)
    live_activity.init_app(app)


def company_room(company_id: int) -> str:
    return f"company:{company_id}"


def user_room(user_id: int) -> str:
    return f"user:{user_id}"


def session_room(user_id: int) -> str:
    """The user's browser connections (signed in with the session cookie, not a token)."""
    return f"session:{user_id}"


def token_room(token_id: int) -> str:
    """Every connection made with an API token sits here, so revoking it can cut them off."""
    return f"token:{token_id}"


def record_room(kind: str, record_id) -> str:
    return f"{kind}:{record_id}"


def parse_room(room) -> tuple[str, int | str]:
    """``"invoice:12"`` → ``("invoice", 12)``; anything else raises RoomError."""
    match = ROOM.match(room) if isinstance(room, str) else None
    if match is None:
        raise RoomError("room must look like 'invoice:12' (kind, a colon, an id)")
    kind, raw = match.groups()
    return kind, int(raw) if raw.isdigit() else raw


def authorize(actor, kind: str, record_id) -> bool:
    """May ``actor`` join ``kind:record_id``? Core's kinds first, then the plugins' hook."""
    if actor is None:
        return False
    if kind == "company":
        return actor.is_super_admin or actor.company_id == record_id
    if kind == "user":
        return actor.user_id == record_id
    if kind == "token":
        return actor.token_id == record_id
    if kind == "session":
        return actor.via == "session" and actor.user_id == record_id
    if kind.startswith(edit_rooms.PREFIX):
        return edit_rooms.may_join(actor, kind.removeprefix(edit_rooms.PREFIX), record_id)
    plugins = current_app.extensions["ledgerline.plugins"]
    return plugins.hook.authorize_room(actor=actor, kind=kind, record_id=record_id) is True


def join_record_room(kind: str, record_id) -> bool:
    """From inside a Socket.IO handler: join the room if the current actor may; say whether."""
    from flask_socketio import join_room

    from core.requestctx import current_actor

    if not authorize(current_actor(), kind, record_id):
        return False
    join_room(record_room(kind, record_id))
    return True


def send_now(event: str, data: dict, rooms) -> None:
    """Emit at once (through the message queue when one is configured)."""
    server = current_app.extensions.get(SERVER_KEY) or socketio.server
    try:
        event_log.record(event, data, rooms)  # for pages whose socket connects only later
        server.emit(event, data, to=rooms, namespace="/")
    except Exception:  # a lost broadcast must not turn a committed change into an error
        log.exception("could not emit %s to %s", event, rooms)


def emit(event: str, data: dict, company_id: int, record: tuple[str, object] | None = None):
    """Send ``event`` to the company room (and a record room) after the transaction commits.

    Events carry ids and small facts, never HTML; pages re-fetch what they show.
    A rolled-back transaction sends nothing.
    """
    from core.events import on_commit

    rooms = [company_room(company_id)]
    if record is not None:
        rooms.append(record_room(*record))
    on_commit(lambda: send_now(event, data, rooms))


def disconnect_room(room: str) -> int:
    """Close every connection of this process in ``room``; return how many were closed.

    Other processes close theirs through ``core.socket_watch`` (the message queue's channel
    when there is one, else their periodic re-check).
    """
    server = current_app.extensions.get(SERVER_KEY) or socketio.server
    sids = [sid for sid, _ in server.manager.get_participants("/", room)]
    for sid in sids:
        server.disconnect(sid, namespace="/", ignore_queue=True)
    return len(sids)


def disconnect_everywhere(room: str) -> None:
    from core import socket_watch

    disconnect_room(room)
    socket_watch.publish(room)


def disconnect_after_commit(room: str) -> None:
    """Rights taken away (token revoked, user deactivated, sessions ended): drop live sockets
    in every process once the change is saved."""
    from core.events import on_commit

    on_commit(lambda: disconnect_everywhere(room))
