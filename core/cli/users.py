"""``flask users create``: a login for a company (or a SUPER_ADMIN without one)."""

from __future__ import annotations

import sys

import click
from email_validator import EmailNotValidError, validate_email
from flask.cli import AppGroup
from sqlalchemy import func, select

from core.auth.passwords import hash_password
from core.cli.common import company_by_id, fail, user_by_email
from core.db import db
from core.models import User
from core.models.user import ROLES, SUPER_ADMIN

users = AppGroup("users", help="Create, deactivate and reactivate users; reset passwords, MFA.")

ROLE_NAMES = [r.lower() for r in ROLES]


@users.command("create")
@click.argument("email")
@click.option("--company-id", type=int, default=None, help="Required except for super_admin.")
@click.option("--role", type=click.Choice(ROLE_NAMES, case_sensitive=False), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option("--name", "full_name", default=None, help="Full name shown in the app.")
def create(email, company_id, role, password_stdin, full_name) -> None:
    """Create a user; its id is printed alone on the last line."""
    password = _read_password(password_stdin)
    user = create_user(email, role.upper(), company_id, password, full_name)
    click.echo(f"Created {user.role} {user.email}")
    click.echo(user.id)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password.strip():
        fail("the password is empty")
    return password


def create_user(email, role, company_id, password, full_name=None) -> User:
    email = _clean_email(email)
    if db.session.scalar(select(func.count()).where(User.email == email)):
        fail(f"a user with e-mail {email} already exists")
    if role != SUPER_ADMIN and company_id is None:
        fail(f"--company-id is required for role {role.lower()}")
    if company_id is not None:
        company_by_id(company_id)
    user = User(
        email=email,
        password_hash=hash_password(password),
        role=role,
        company_id=company_id,
        full_name=full_name,
    )
    db.session.add(user)
    db.session.commit()
    return user


def _clean_email(email: str) -> str:
    email = email.strip()
    try:
        return validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        # Operators of on-premise installs use site-local addresses (root@ledgerline.local);
        # email_validator refuses the special-use ".local" names, so check the rest alone.
        local, _, domain = email.rpartition("@")
        if domain.lower().endswith(".local") and _valid_local(local, domain):
            return email.lower()
        fail(f"not a valid e-mail address: {email!r} ({exc})")


def _valid_local(local: str, domain: str) -> bool:
    stand_in = domain.lower().removesuffix(".local") + ".example.com"
    try:
        validate_email(f"{local}@{stand_in}", check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


@users.command("deactivate")
@click.argument("email")
def deactivate_command(email) -> None:
    """Deactivate EMAIL: sessions, API tokens and live connections end at once."""
    user = _set_active(email, False)
    click.echo(f"Deactivated {user.email}; their sessions, API tokens and sockets are ended")


@users.command("reactivate")
@click.argument("email")
def reactivate_command(email) -> None:
    """Let a deactivated EMAIL sign in again (revoked API tokens stay revoked)."""
    user = _set_active(email, True)
    click.echo(f"Reactivated {user.email}")


def _set_active(email: str, active: bool) -> User:
    from core.auth.deactivation import deactivate, reactivate

    user = user_by_email(email)
    if user.active == active:
        fail(f"user {user.email} is {'active already' if active else 'already deactivated'}")
    (reactivate if active else deactivate)(user)
    db.session.commit()
    return user


@users.command("set-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def set_password_command(email, password_stdin) -> None:
    """Set a new password for EMAIL; every session of the user ends."""
    from core.auth import sessions

    user = user_by_email(email)
    user.password_hash = hash_password(_read_password(password_stdin))
    sessions.end_all(user)
    db.session.commit()
    click.echo(f"New password set for {user.email}; their sessions are ended")


@users.command("reset-mfa")
@click.argument("email")
def reset_mfa_command(email) -> None:
    """Turn off EMAIL's two-factor authentication (a lost phone); every session ends."""
    from core.auth import mfa, sessions

    user = user_by_email(email)
    mfa.disable(user)
    sessions.end_all(user)
    db.session.commit()
    click.echo(f"Two-factor authentication of {user.email} is off; their sessions are ended")
