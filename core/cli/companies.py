"""``flask companies create|list``."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from core.cli.common import fail
from core.company_rules import clean_company
from core.db import db
from core.models import Company

companies = AppGroup("companies", help="Create and list companies (tenants).")


@companies.command("create")
@click.option("--name", required=True, help="Legal name, e.g. 'Acme Trading LLC'.")
@click.option("--trn", required=True, help="Tax registration number (UAE: 15 digits).")
@click.option("--country", default="AE", show_default=True, help="ISO 3166 alpha-2 code.")
@click.option("--city", default=None)
@click.option("--peppol-id", default=None, help="Peppol participant ID, e.g. 0235:1001234567.")
def create(name: str, trn: str, country: str, city: str | None, peppol_id: str | None) -> None:
    """Create a company; its id is printed alone on the last line."""
    company = create_company(name=name, trn=trn, country=country, city=city, peppol_id=peppol_id)
    click.echo(f"Created company {company.name!r} ({company.country}, TRN {company.trn})")
    click.echo(company.id)


def create_company(**fields) -> Company:
    """Validate with the same rules as the company profile page, then insert."""
    fields = {k: v for k, v in fields.items() if v is not None}
    cleaned, errors = clean_company(fields)
    if errors:
        fail("; ".join(f"{field}: {message}" for field, message in errors.items()))
    company = Company(**cleaned)
    db.session.add(company)
    db.session.commit()
    return company


@companies.command("list")
def list_() -> None:
    """One line per company: id, TRN, country, name."""
    rows = db.session.scalars(select(Company).order_by(Company.id)).all()
    if not rows:
        click.echo("No companies yet: `flask companies create` or `flask demo`.")
    for c in rows:
        click.echo(f"{c.id:>5}  {c.trn or '-':<16} {c.country}  {c.name}")
