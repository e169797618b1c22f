"""``flask payments verify``: check every company's payments hash chain from the shell."""

from __future__ import annotations

import click

from core.api import verify_each_company


@click.command("verify")
@click.option("--company", "company_id", type=int, help="Only this company id.")
def verify_command(company_id: int | None) -> None:
    """Recompute the payments chain of each company; exit 1 at the first broken one."""
    from plugins.payments.chain import verify as chain_verify

    verify_each_company(
        company_id,
        chain_verify.verify,
        lambda report: f"ok, {report.checked} entries, head {report.head_hash}",
        _broken_entry,
    )


def _broken_entry(where: dict) -> str:
    record = where["record"] or f"{where['kind']} {where['record_id']}"
    return f"entry #{where['seq']} ({record}): {where['reason']}"
