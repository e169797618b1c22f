"""``flask payments import-export FILE``: restore an export into an empty database."""

from __future__ import annotations

import click

from plugins.payments.export.reader import ImportRefused, import_file


@click.command("import-export")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_export_command(path: str) -> None:
    """Import FILE (made by GET /api/v1/admin/export) into this empty database."""
    try:
        counts = import_file(path)
    except ImportRefused as exc:
        raise click.ClickException(f"Import refused: {exc}") from None
    total = sum(counts.values())
    click.echo(f"Imported {total} records from {path}:")
    for kind, n in counts.items():
        click.echo(f"  {kind}: {n}")
