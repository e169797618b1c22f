"""Deactivating a user: sign-in, API tokens and live sockets stop working at once."""

from __future__ import annotations

from core import realtime
from core.models import User


def deactivate(user: User) -> None:
    """The caller commits; Flask-Login and ``find_active`` then refuse the user everywhere,
    and the user's open Socket.IO connections in this process are closed after the commit."""
    user.active = False
    realtime.disconnect_after_commit(realtime.user_room(user.id))


def reactivate(user: User) -> None:
    user.active = True
