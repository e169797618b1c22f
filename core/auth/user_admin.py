"""A company admin deactivating or reactivating a colleague: who may, and the change itself.

Shared by the users page and ``/api/v1/users``; the CLI (an operator) may act on anyone.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from core.auth.deactivation import deactivate, reactivate
from core.db import db
from core.events import DomainEvent, publish
from core.models import User

MANAGE = "core.users.manage"


class Refused(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def colleagues(actor) -> list[User]:
    query = select(User).where(User.company_id == actor.company_id).order_by(User.email)
    return list(db.session.scalars(query))


def colleague(actor, user_id: int) -> User:
    """A user of the actor's own company; another company's is 'not found' (no probing)."""
    user = db.session.get(User, user_id)
    if user is None or actor.company_id is None or user.company_id != actor.company_id:
        raise Refused(404, "not_found", _("No user %(user_id)s in your company.", user_id=user_id))
    return user


def set_active(actor, user_id: int, active: bool) -> User:
    """Deactivate or reactivate a colleague; commits. Nobody locks themselves out."""
    user = colleague(actor, user_id)
    if user.id == actor.user_id:
        raise Refused(409, "own_account", _("You cannot deactivate your own account."))
    if user.active == active:
        return user
    (reactivate if active else deactivate)(user)
    name = "UserReactivated" if active else "UserDeactivated"
    publish(DomainEvent(name, "core_user", user.id, user.company_id, {"email": user.email}))
    db.session.commit()
    return user


def as_dict(user: User) -> dict:
    return {
        "id": user.id,
        "email": user.email,
        "full_name": user.full_name,
        "role": user.role,
        "active": user.active,
        "mfa_enabled": user.mfa_enabled,
        "last_login_at": user.last_login_at.isoformat() if user.last_login_at else None,
    }
