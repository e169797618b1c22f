"""Core's Socket.IO handlers, and the actor context every handler (core's or a plugin's) runs in.

Connect is accepted only for a logged-in session or a valid API token (``auth={"token": ...}``);
the actor found then is kept for the connection, and each later event runs with ``g.actor``
and the tenant scope of that actor, exactly like an HTTP request.
"""

from __future__ import annotations

import inspect
import math
import uuid
from contextlib import contextmanager

from flask import current_app, g, request

# python-socketio's own ConnectionRefusedError: its message reaches the client's connect_error.
from flask_socketio import ConnectionRefusedError, join_room, leave_room, rooms

from core import event_log, presence, realtime, socket_watch
from core.auth.grants import actor_now, grant_for, holds
from core.db import db
from core.requestctx import current_actor
from core.tenancy import scope_for, scoped

ACTORS_KEY = "ledgerline.actors"  # environ of the connection: {namespace: Actor}
G_KEYS = ("actor", "correlation_id", "_login_user")
REFUSED = "authentication required: log in, or connect with auth={'token': '<API token>'}"
REVOKED = "this connection's sign-in or API token has ended; connect again"
GONE = "this connection closed before the room was joined; a new connection joins again"


def init_app(app, socketio) -> None:
    _install_actor_context(socketio)
    socketio.on_event("connect", on_connect)
    socketio.on_event("disconnect", on_disconnect)
    socketio.on_event("join", on_join)
    socketio.on_event("leave", on_leave)
    socketio.on_event("catch_up", on_catch_up)


# --- actor context -------------------------------------------------------------------------


def _install_actor_context(socketio) -> None:
    """Wrap Flask-SocketIO's single dispatch point, once per process.

    Flask-SocketIO has no before-event hook, and every handler registered with ``on``,
    ``on_event`` or ``event`` is called through ``_handle_event`` inside the connection's
    request context; wrapping it is the one place that covers plugins' handlers too.
    """
    if getattr(socketio, "_ledgerline_actor_context", False):
        return
    original = socketio._handle_event

    def handle_event(handler, message, namespace, sid, *args):
        return original(_with_actor(handler, message, namespace), message, namespace, sid, *args)

    socketio._handle_event = handle_event
    socketio._ledgerline_actor_context = True


def _with_actor(handler, message: str, namespace: str):
    def run(*args):
        with _fresh_g():
            actors = request.environ.setdefault(ACTORS_KEY, {})
            grants = request.environ.setdefault(socket_watch.GRANTS_KEY, {})
            if message == "connect":
                actors[namespace] = _authenticate(args[0] if args else None)
                grants[namespace] = grant_for(actors[namespace])
            actor = actors.get(namespace)
            if actor is None:
                return None if message == "disconnect" else error("unauthorized", REFUSED)
            if message not in ("connect", "disconnect") and not holds(grants[namespace]):
                # Revoked, deactivated or signed out since connecting (maybe in another
                # process): nothing more runs for this connection.
                actors.pop(namespace, None)
                _close_soon(request.sid, namespace)
                return error("unauthorized", REVOKED)
            if message == "join":  # rooms follow the user's role and company as they are now
                actor = actors[namespace] = actor_now(grants[namespace]) or actor
            g.actor = actor
            g.correlation_id = uuid.uuid4().hex
            with scoped(scope_for(actor)):
                return _call(handler, args)

    return run


@contextmanager
def _fresh_g():
    """Run the event with its own user and actor in ``g``, then put back what was there.

    Each event normally gets a new app context, but one pushed around it (the test client
    under the ``app`` fixture) is shared, and Flask-Login caches the user in ``g``.
    """
    saved = {key: g.pop(key) for key in G_KEYS if key in g}
    try:
        yield
    finally:
        for key in G_KEYS:
            g.pop(key, None)
        for key, value in saved.items():
            setattr(g, key, value)


def _authenticate(auth):
    from core.requestctx import identify

    actor = identify(request, auth if isinstance(auth, dict) else None)
    if actor is None:
        raise ConnectionRefusedError(REFUSED)
    return actor


def _call(handler, args):
    """Pass only as many arguments as the handler takes (connect may or may not take auth)."""
    params = inspect.signature(handler).parameters.values()
    if any(p.kind is p.VAR_POSITIONAL for p in params):
        return handler(*args)
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return handler(*args[: len(positional)])


def error(code: str, message: str, details: dict | None = None) -> dict:
    """The ack a refused request gets: the API's error object, with ``ok`` false."""
    return {"ok": False, "error": {"code": code, "message": message, "details": details or {}}}


# --- handlers ------------------------------------------------------------------------------


def on_connect(auth=None):
    actor = current_actor()
    if actor.company_id is not None and not actor.is_super_admin:
        join_room(realtime.company_room(actor.company_id))
    if actor.user_id is not None:
        join_room(realtime.user_room(actor.user_id))
    if actor.token_id is not None:
        join_room(realtime.token_room(actor.token_id))
    elif actor.user_id is not None:
        join_room(realtime.session_room(actor.user_id))
    socket_watch.ensure_running(current_app._get_current_object(), _server())


def _close_soon(sid: str, namespace: str) -> None:
    """Close the connection just after this event's refusal (its ack) has gone out."""
    server = _server()

    def close():
        server.sleep(0.2)
        if server.manager.is_connected(sid, namespace):
            server.disconnect(sid, namespace=namespace, ignore_queue=True)

    server.start_background_task(close)


def _server():
    return current_app.extensions.get(realtime.SERVER_KEY)


def on_disconnect(reason=None):
    for room in presence.store().drop(request.sid):
        _broadcast_presence(room)


def on_join(data=None):
    """``{"room": "invoice:12", "presence": true}`` → ack ``{"ok": true, "room", "viewers"}``."""
    room, failure = _allowed_room(data)
    if failure:
        return failure
    if not _enter(room):
        return error("not_connected", GONE, {"room": room})
    if isinstance(data, dict) and data.get("presence") is True:
        presence.store().add(room, request.sid, _viewer(current_actor()))
        if not _connected():  # closed meanwhile: its disconnect may already have dropped it
            presence.store().drop(request.sid)
            return error("not_connected", GONE, {"room": room})
        _broadcast_presence(room)
    answer = {"ok": True, "room": room, "viewers": presence.store().viewers(room)}
    moment = _since(data)
    if moment is not None:  # what this room was sent since the page was rendered
        answer["missed"] = event_log.since([room], moment)
    return answer


def on_catch_up(data=None):
    """``{"since": <live_since of the page>}`` → the events this connection's rooms were sent
    since then: ``{"ok": true, "events": [[event, data, key], ...], "complete", "now"}``."""
    moment = _since(data)
    if moment is None:
        return error("bad_request", "since must be the page's live_since (seconds)", {})
    mine = [room for room in rooms() if realtime.ROOM.match(room)]
    return {"ok": True, **event_log.since(mine, moment)}


def _since(data) -> float | None:
    raw = data.get("since") if isinstance(data, dict) else None
    try:
        moment = float(raw)
    except (TypeError, ValueError):
        return None
    return moment if math.isfinite(moment) else None


def _enter(room: str) -> bool:
    """Join ``room``; False when the connection closed while this join was being handled
    (the page navigated away, or the server dropped it): the join is then moot."""
    if not _connected():
        return False
    try:
        join_room(room)
    except (KeyError, ValueError):  # python-socketio: "sid is not connected to ..."
        return False
    return True


def _connected() -> bool:
    server = _server()
    return server is None or server.manager.is_connected(request.sid, request.namespace)


def on_leave(data=None):
    room = data.get("room") if isinstance(data, dict) else None
    try:
        realtime.parse_room(room)
    except realtime.RoomError as exc:
        return error("bad_request", str(exc), {"room": room})
    leave_room(room)
    if presence.store().remove(room, request.sid):
        _broadcast_presence(room)
    return {"ok": True, "room": room}


def _allowed_room(data):
    room = data.get("room") if isinstance(data, dict) else None
    try:
        kind, record_id = realtime.parse_room(room)
    except realtime.RoomError as exc:
        return None, error("bad_request", str(exc), {"room": room})
    if not realtime.authorize(current_actor(), kind, record_id):
        # Same answer for "does not exist" and "not yours": no probing other companies.
        return None, error("not_found", "No such room, or you may not join it.", {"room": room})
    return room, None


def _viewer(actor) -> dict:
    from core.models import User

    user = db.session.get(User, actor.user_id) if actor.user_id is not None else None
    name = (user.full_name if user is not None else None) or actor.email
    return {"user_id": actor.user_id, "name": name}


def _broadcast_presence(room: str) -> None:
    viewers = presence.store().viewers(room)
    realtime.send_now("presence", {"room": room, "viewers": viewers}, room)
