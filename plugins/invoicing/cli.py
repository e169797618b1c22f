"""``flask invoicing verify``: check every company's hash chain from the command line."""

from __future__ import annotations

from flask.cli import AppGroup

from core.api import verify_command
from plugins.invoicing import chain
from plugins.invoicing.overdue import mark_overdue_command
from plugins.invoicing.reminders import reminders_command

group = AppGroup("invoicing", help="Invoicing: chain verification and maintenance.")


def _broken_document(where: dict) -> str:
    label = where["number"] or "(end of chain)"
    return f"{label} (chain position {where['chain_seq']}): {where['reason']}"


group.add_command(
    verify_command(
        chain.verify_company,
        lambda report: f"OK ({report.checked} documents)",
        _broken_document,
        help="Recompute hash chains; exit 1 and name the first broken document if any.",
    )
)
group.add_command(mark_overdue_command)
group.add_command(reminders_command)
