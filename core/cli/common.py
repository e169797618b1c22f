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


def verify_command(verify, ok_text, broken_text, help: str) -> click.Command:
    """``verify [--company ID]``: check one company or every company in id order with
    ``verify(id)`` (a report with ``ok`` and ``broken_at``): print ``company N:
    <ok_text(report)>``, or ``company N: BROKEN at <broken_text(report.broken_at)>`` on stderr,
    and exit 1 when any company is broken."""

    @click.command("verify", help=help)
    @click.option("--company", "company_id", type=int, help="Only this company id.")
    def command(company_id: int | None) -> None:
        _verify_each(company_id, verify, ok_text, broken_text)

    return command


def _verify_each(company_id: int | None, verify, ok_text, broken_text) -> None:
    if company_id and db.session.get(Company, company_id) is None:
        fail(f"No company with id {company_id}.")
    ids = (
        [company_id] if company_id else db.session.scalars(select(Company.id).order_by(Company.id))
    )
    broken = False
    for cid in list(ids):
        report = verify(cid)
        if report.ok:
            click.echo(f"company {cid}: {ok_text(report)}")
            continue
        broken = True
        click.echo(f"company {cid}: BROKEN at {broken_text(report.broken_at)}", err=True)
    if broken:
        raise SystemExit(1)
