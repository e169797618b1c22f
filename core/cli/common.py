"""Small helpers shared by the commands: look-ups that fail with a clear message."""

from __future__ import annotations

import click
from sqlalchemy import select

from core.db import db
from core.models import Company, User


def fail(message: str) -> None:
    """Stop the command: click prints ``Error: message`` and exits with status 1."""
    raise click.ClickException(message)


def company_by_id(company_id: int) -> Company:
    company = db.session.get(Company, company_id)
    if company is None:
        fail(f"no company with id {company_id} (see `flask companies list`)")
    return company


def user_by_email(email: str) -> User:
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        fail(f"no user with e-mail {email!r}")
    return user
