"""API tokens: shown once, stored as SHA-256, revocable, scoped."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import joinedload

from core.db import db
from core.models import ApiToken, Company, User
from core.models.user import SUPER_ADMIN
from core.timeutil import utcnow

PREFIX = "llt_"
SCOPES = ("read", "write")
# last_used_at is for people ("used today?"), so minute precision spares a write per request.
TOUCH_EVERY = timedelta(minutes=1)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_scopes(text: str) -> str:
    scopes = sorted({s.strip() for s in text.split(",") if s.strip()})
    bad = [s for s in scopes if s not in SCOPES]
    if bad or not scopes:
        raise ValueError(f"unknown scope(s): {', '.join(bad) or '(none)'}; use read, write")
    if "write" in scopes and "read" not in scopes:
        scopes.append("read")
    return ",".join(sorted(scopes))


def check_scopes_for(user: User, scopes: str) -> None:
    """A super admin changes nothing: a write-scoped token for one could never write."""
    if user.role == SUPER_ADMIN and "write" in scopes.split(","):
        raise ValueError(
            f"{user.email} is a super admin, who can read every company but change none: "
            "a write-scoped token would be refused on every write. Use --scopes read."
        )


def create_token(user: User, scopes: str = "read", name: str = "") -> tuple[ApiToken, str]:
    """Return the row and the secret; the secret is never stored and never shown again.

    Issuing paths (the CLI; the page is closed to super admins) call ``check_scopes_for``."""
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=name,
        prefix=secret[:12],
        token_hash=_digest(secret),
        scopes=parse_scopes(scopes),
    )
    db.session.add(token)
    db.session.flush()
    return token, secret


def find_active(secret: str) -> ApiToken | None:
    if not secret.startswith(PREFIX):
        return None
    # The user and their company come with the token (every request reads both): one query
    # instead of three round trips.
    query = select(ApiToken).where(ApiToken.token_hash == _digest(secret))
    token = db.session.scalar(query.options(joinedload(ApiToken.user).joinedload(User.company)))
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    return token


# What a request's Actor needs of the token, its user and their company, as one plain row.
_IDENTITY = (
    select(
        ApiToken.id, ApiToken.scopes, ApiToken.last_used_at,
        User.id.label("user_id"), User.email, User.role, User.company_id, User.full_name,
        User.locale, User.timezone,
        Company.locale.label("company_locale"), Company.timezone.label("company_timezone"),
    )
    .join(User, User.id == ApiToken.user_id)
    .outerjoin(Company, Company.id == User.company_id)
    .where(ApiToken.token_hash == bindparam("digest"), ApiToken.revoked_at.is_(None))
    .where(User.active.is_(True))
)  # fmt: skip


def active_identity(secret: str):
    """The row an API request's Actor is made of (``None`` for an unknown, revoked or
    deactivated token): asked of the database on every request, so a revocation refuses the
    very next one. A plain row on the session's connection, not three ORM objects: signing in
    was a fifth of a cheap list request's time, most of it the ORM's per-object work
    (profiled)."""
    if not secret.startswith(PREFIX):
        return None
    # The one statement object, its digest a parameter: SQLAlchemy reuses its compiled form
    # as it is (a new statement each time was re-keyed column by column: measured).
    return db.session.connection().execute(_IDENTITY, {"digest": _digest(secret)}).first()


def revoke(token: ApiToken) -> None:
    """Refuse the token from now on; its open Socket.IO connections close after commit."""
    from core import realtime

    token.revoked_at = utcnow()
    realtime.disconnect_after_commit(realtime.token_room(token.id))


def tokens_of(user: User) -> list[ApiToken]:
    query = select(ApiToken).where(ApiToken.user_id == user.id)
    return list(db.session.scalars(query.order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def token_of(user: User, token_id: int) -> ApiToken | None:
    """The user's own token, or None: nobody revokes someone else's token."""
    token = db.session.get(ApiToken, token_id)
    return token if token is not None and token.user_id == user.id else None


def touch(token: ApiToken) -> None:
    """Record use at most once a minute per token; commits its own small write."""
    now = utcnow()
    if token.last_used_at is not None and now - token.last_used_at < TOUCH_EVERY:
        return
    stale = or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < now - TOUCH_EVERY)
    db.session.execute(
        update(ApiToken)
        .where(ApiToken.id == token.id, stale)
        .values(last_used_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
