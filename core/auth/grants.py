"""What a live connection was granted at connect, and whether it still holds.

A Socket.IO connection outlives the request that opened it, so its rights are checked again
on every event it sends and by each process's periodic sweep (``core.socket_watch``): a
revoked token, a deactivated user or an ended session (its generation raised) no longer holds.
Columns are read straight from the database, never from a session's identity map, so a change
committed by any other process is seen at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from core.db import db
from core.models import ApiToken, User


@dataclass(frozen=True)
class Grant:
    user_id: int | None
    token_id: int | None = None
    generation: int | None = None  # of a session connection


def grant_for(actor) -> Grant:
    if actor.token_id is not None:
        return Grant(actor.user_id, actor.token_id)
    generation = db.session.scalar(select(User.session_generation).where(User.id == actor.user_id))
    return Grant(actor.user_id, None, generation or 0)


def holds(grant: Grant) -> bool:
    if grant.user_id is None:
        return False
    if grant.token_id is not None:
        row = db.session.execute(
            select(ApiToken.revoked_at, User.active)
            .join(User, User.id == ApiToken.user_id)
            .where(ApiToken.id == grant.token_id, ApiToken.user_id == grant.user_id)
        ).first()
        return row is not None and row.revoked_at is None and bool(row.active)
    row = db.session.execute(
        select(User.active, User.session_generation).where(User.id == grant.user_id)
    ).first()
    if row is None or not row.active:
        return False
    return (row.session_generation or 0) == grant.generation


def actor_now(grant: Grant):
    """The connection's actor as the database says now (role and company may have changed)."""
    from core.auth.identity import actor_for_user

    user = db.session.get(User, grant.user_id, populate_existing=True)
    if user is None:
        return None
    if grant.token_id is None:
        return actor_for_user(user)
    token = db.session.get(ApiToken, grant.token_id, populate_existing=True)
    return actor_for_user(user, "token", token) if token is not None else None
