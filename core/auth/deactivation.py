"""Deactivating a user: sign-in, sessions, API tokens and live sockets stop working at once."""

from __future__ import annotations

from sqlalchemy import select

from core import realtime
from core.auth import sessions, tokens
from core.db import db
from core.models import ApiToken, User


def deactivate(user: User) -> None:
    """The caller commits. Every session ends (generation raised), every live API token is
    revoked, and every open Socket.IO connection of the user closes after the commit (in
    every process: see ``realtime.disconnect_after_commit``)."""
    user.active = False
    sessions.end_all(user)
    live = select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    for token in db.session.scalars(live):
        tokens.revoke(token)
    realtime.disconnect_after_commit(realtime.user_room(user.id))


def reactivate(user: User) -> None:
    """The user may sign in again; revoked tokens stay revoked (they make new ones)."""
    user.active = True
