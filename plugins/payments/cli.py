"""``flask payments ...``: the payments command group."""

from __future__ import annotations

from flask.cli import AppGroup

from plugins.payments.chain.cli import verify_chain_command
from plugins.payments.export.cli import import_export_command

group = AppGroup("payments", help="Payments: import of company exports.")
group.add_command(import_export_command)
group.add_command(verify_chain_command)
