"""Socket.IO: authenticated connections, company and record rooms, emit after commit."""

from __future__ import annotations

from flask import current_app

from core.extensions import socketio


def init_app(app) -> None:
    socketio.init_app(
        app,
        async_mode=app.config["SOCKETIO_ASYNC_MODE"],
        message_queue=app.config.get("SOCKETIO_MESSAGE_QUEUE") or None,
        cors_allowed_origins=app.config.get("SOCKETIO_CORS_ORIGINS", []),
        manage_session=False,
    )


def company_room(company_id: int) -> str:
    return f"company:{company_id}"


def record_room(kind: str, record_id) -> str:
    return f"{kind}:{record_id}"


def emit(event: str, data: dict, company_id: int, record: tuple[str, object] | None = None):
    """Send ``event`` to the company room (and a record room) after the transaction commits."""
    from core.events import on_commit

    def send() -> None:
        rooms = [company_room(company_id)]
        if record is not None:
            rooms.append(record_room(*record))
        current_app.extensions["socketio"].emit(event, data, to=rooms)

    on_commit(send)
