"""Ending sessions: every sign-in carries the user's session generation; raising it ends them.

Flask-Login keeps ``"<user id>.<generation>"`` in the signed session cookie (``User.get_id``)
and the user loader accepts it only while the generation is still the user's. Sign-out,
password change, MFA reset and deactivation raise the generation, so every copy of every
older cookie (another browser, a stolen one) stops working at once, in every process, and the
user's browser sockets are closed after the commit.
"""

from __future__ import annotations

import re

from flask_login import login_user
from sqlalchemy.orm import joinedload

from core import realtime
from core.db import db
from core.models import User

_ID = re.compile(r"^([0-9]{1,18})\.([0-9]{1,18})$")


def load(session_id: str) -> User | None:
    """The user of a session id, or None when it is malformed, stale or the user inactive."""
    match = _ID.match(session_id or "")
    if match is None:
        return None  # also the plain ids of cookies made before generations existed
    # The company comes in the same query: every request's actor reads its locale and zone.
    user = db.session.get(User, int(match.group(1)), options=[joinedload(User.company)])
    if user is None or not user.active:
        return None
    return user if (user.session_generation or 0) == int(match.group(2)) else None


def end_all(user: User) -> None:
    """End every session of ``user`` (the caller commits); their browser sockets close after."""
    user.session_generation = (user.session_generation or 0) + 1
    realtime.disconnect_after_commit(realtime.session_room(user.id))


def end_others(user: User) -> None:
    """End every other session; this request's browser stays signed in with a new id."""
    end_all(user)
    login_user(user)
