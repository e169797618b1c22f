"""``flask tokens create|revoke|list``: API tokens for integrators."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from core.auth import tokens as token_store
from core.cli.common import fail, user_by_email
from core.db import db
from core.models import ApiToken

tokens = AppGroup("tokens", help="Create, list and revoke API tokens.")


@tokens.command("create")
@click.argument("email")
@click.option("--scopes", default="read", show_default=True, help="Comma list: read,write.")
@click.option("--name", default="", help="A label to recognise the token by.")
def create(email: str, scopes: str, name: str) -> None:
    """Create a token for EMAIL; the secret is printed alone on the last line, only once."""
    user = user_by_email(email)
    if not user.active:
        fail(f"user {user.email} is deactivated")
    try:
        token_store.check_scopes_for(user, token_store.parse_scopes(scopes))
        token, secret = token_store.create_token(user, scopes, name)
    except ValueError as exc:
        fail(str(exc))
    db.session.commit()
    click.echo(f"Token #{token.id} for {user.email}, scopes {token.scopes}. Shown once:")
    click.echo(secret)


@tokens.command("list")
@click.argument("email")
def list_(email: str) -> None:
    """The tokens of EMAIL (prefix only; secrets are never stored)."""
    user = user_by_email(email)
    rows = db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)).all()
    for t in rows:
        state = "revoked" if t.revoked_at else "active"
        click.echo(f"{t.id:>5}  {t.prefix}...  {t.scopes:<11} {state:<8} {t.name}")


@tokens.command("revoke")
@click.argument("token_id", type=int)
def revoke(token_id: int) -> None:
    """Revoke token TOKEN_ID (see `flask tokens list EMAIL`)."""
    token = db.session.get(ApiToken, token_id)
    if token is None:
        fail(f"no API token with id {token_id}")
    if token.revoked_at is not None:
        fail(f"token #{token_id} is already revoked")
    token_store.revoke(token)
    db.session.commit()
    click.echo(f"Revoked token #{token_id} of {token.user.email}")
