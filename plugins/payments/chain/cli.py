"""``flask payments verify``: check every company's payments hash chain from the shell."""

from __future__ import annotations

import click
from sqlalchemy import select

from core.api import Company, db


@click.command("verify")
@click.option("--company", "company_id", type=int, help="Only this company id.")
def verify_command(company_id: int | None) -> None:
    """Recompute the payments chain of each company; exit 1 at the first broken one."""
    from plugins.payments.chain import verify as chain_verify

    ids = (
        [company_id]
        if company_id
        else list(db.session.scalars(select(Company.id).order_by(Company.id)))
    )
    if company_id and db.session.get(Company, company_id) is None:
        raise click.ClickException(f"No company with id {company_id}.")
    broken = False
    for cid in ids:
        report = chain_verify.verify(cid)
        if report.ok:
            click.echo(f"company {cid}: ok, {report.checked} entries, head {report.head_hash}")
            continue
        broken = True
        where = report.broken_at
        record = where["record"] or f"{where['kind']} {where['record_id']}"
        click.echo(
            f"company {cid}: BROKEN at entry #{where['seq']} ({record}): {where['reason']}",
            err=True,
        )
    if broken:
        raise SystemExit(1)
