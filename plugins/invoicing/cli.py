"""``flask invoicing verify``: check every company's hash chain from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from core.api import Company, db
from plugins.invoicing import chain
from plugins.invoicing.overdue import mark_overdue_command
from plugins.invoicing.reminders import reminders_command

group = AppGroup("invoicing", help="Invoicing: chain verification and maintenance.")


@group.command("verify")
@click.option("--company", "company_id", type=int, help="Only this company id.")
def verify(company_id: int | None) -> None:
    """Recompute hash chains; exit 1 and name the first broken document if any."""
    ids = [company_id] if company_id else list(db.session.scalars(select(Company.id)))
    broken = False
    for cid in ids:
        report = chain.verify_company(cid)
        if report.ok:
            click.echo(f"company {cid}: OK ({report.checked} documents)")
            continue
        broken = True
        where = report.broken_at
        label = where["number"] or "(end of chain)"
        click.echo(
            f"company {cid}: BROKEN at {label} (chain position {where['chain_seq']}): "
            f"{where['reason']}",
            err=True,
        )
    if broken:
        raise SystemExit(1)


group.add_command(mark_overdue_command)
group.add_command(reminders_command)
