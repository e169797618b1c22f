"""``flask payments verify``: check every company's payments hash chain from the shell."""

from __future__ import annotations

from core.api import verify_command


def _verify(company_id: int):
    from plugins.payments.chain import verify

    return verify.verify(company_id)


def _broken_entry(where: dict) -> str:
    record = where["record"] or f"{where['kind']} {where['record_id']}"
    return f"entry #{where['seq']} ({record}): {where['reason']}"


verify_chain_command = verify_command(
    _verify,
    lambda report: f"ok, {report.checked} entries, head {report.head_hash}",
    _broken_entry,
    help="Recompute the payments chain of each company; exit 1 at the first broken one.",
)
