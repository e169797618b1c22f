"""Core's answer to ``identify_actor``: a logged-in session or a Bearer API token."""

from __future__ import annotations

from flask_login import current_user

from core import permissions
from core.actor import Actor
from core.auth import tokens
from core.models import User
from core.models.api_token import scopes_of


def actor_for_user(user: User, via: str = "session", token=None) -> Actor:
    company = user.company
    return _actor(
        user,
        user.id,
        via=via,
        scopes=token.scope_set if token is not None else frozenset(),
        token_id=token.id if token is not None else None,
        company=(company.locale, company.timezone) if company is not None else (None, None),
    )


def actor_for_token(row) -> Actor:
    """The Actor of an API token from ``tokens.active_identity``'s row."""
    return _actor(
        row,
        row.user_id,
        via="token",
        scopes=scopes_of(row.scopes),
        token_id=row.id,
        company=(row.company_locale, row.company_timezone),
    )


def _actor(who, user_id: int, *, via: str, scopes, token_id, company: tuple) -> Actor:
    """The one constructor: ``who`` is a User or a sign-in row; both carry the user's e-mail,
    role, company, name, language and time zone under the same names."""
    return Actor(
        user_id=user_id,
        email=who.email,
        role=who.role,
        company_id=who.company_id,
        permissions=permissions.for_role(who.role),
        via=via,
        scopes=scopes,
        token_id=token_id,
        name=who.full_name or None,
        locale=who.locale,
        timezone=who.timezone,
        company_locale=company[0],
        company_timezone=company[1],
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
