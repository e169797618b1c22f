"""Core's answer to ``identify_actor``: a logged-in session or a Bearer API token."""

from __future__ import annotations

from flask_login import current_user

from core import permissions
from core.actor import Actor
from core.auth import tokens
from core.models import User
from core.models.api_token import scopes_of


def actor_for_user(user: User, via: str = "session", token=None) -> Actor:
    return Actor(
        user_id=user.id,
        email=user.email,
        role=user.role,
        company_id=user.company_id,
        permissions=permissions.for_role(user.role),
        via=via,
        scopes=token.scope_set if token is not None else frozenset(),
        token_id=token.id if token is not None else None,
        name=user.full_name or None,
        locale=user.locale,
        timezone=user.timezone,
        company_locale=user.company.locale if user.company is not None else None,
        company_timezone=user.company.timezone if user.company is not None else None,
    )


def actor_for_token(row) -> Actor:
    """The Actor of an API token from ``tokens.active_identity``'s row."""
    return Actor(
        user_id=row.user_id,
        email=row.email,
        role=row.role,
        company_id=row.company_id,
        permissions=permissions.for_role(row.role),
        via="token",
        scopes=scopes_of(row.scopes),
        token_id=row.id,
        name=row.full_name or None,
        locale=row.locale,
        timezone=row.timezone,
        company_locale=row.company_locale,
        company_timezone=row.company_timezone,
    )


def bearer_secret(request, auth) -> str | None:
    if auth and isinstance(auth, dict) and isinstance(auth.get("token"), str):
        return auth["token"]
    header = request.headers.get("Authorization", "") if request is not None else ""
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return None


def actor_from_request(request, auth) -> Actor | None:
    secret = bearer_secret(request, auth)
    if secret:
        row = tokens.active_identity(secret)
        if row is None:
            return None  # a bad token never falls back to the session cookie
        actor = actor_for_token(row)
        tokens.touch(row)
        return actor
    if current_user and current_user.is_authenticated:
        return actor_for_user(current_user._get_current_object())
    return None
