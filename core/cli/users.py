"""``flask users create``: a login for a company (or a SUPER_ADMIN without one)."""

from __future__ import annotations

import sys

import click
from email_validator import EmailNotValidError, validate_email
from flask.cli import AppGroup
from sqlalchemy import func, select

from core.auth.passwords import hash_password
from core.cli.common import company_by_id, fail
from core.db import db
from core.models import User
from core.models.user import ROLES, SUPER_ADMIN

users = AppGroup("users", help="Create users.")

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
