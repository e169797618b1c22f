"""``flask einvoice validate FILE... [--profile]``: the official rules from the shell."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask.cli import AppGroup

from plugins.einvoice.errors import NotUBLError
from plugins.einvoice.profiles import PROFILES
from plugins.einvoice.validator import validate

group = AppGroup(
    "einvoice", help="E-invoice tools: validate UBL documents with the official rules."
)


@group.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--profile",
    type=click.Choice(PROFILES),
    default=None,
    help="Rule stack; default: chosen from each document's CustomizationID.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON report per line.")
@click.option("-w", "--warnings", is_flag=True, help="Also list warnings.")
def validate_command(files, profile, as_json, warnings):
    """Check UBL 2.1 invoices / credit notes; exit 1 when any fails, 2 when one is unreadable."""
    worst = 0
    for path in files:
        worst = max(worst, _one(path, profile, as_json, warnings))
    raise SystemExit(worst)


def _one(path: Path, profile, as_json: bool, warnings: bool) -> int:
    try:
        report = validate(path.read_bytes(), profile)
    except (OSError, NotUBLError) as exc:
        click.echo(f"ERROR {path}: {exc}", err=True)
        return 2
    if as_json:
        click.echo(json.dumps({"file": str(path), **report.as_dict()}))
        return 0 if report.valid else 1
    verdict = "PASS" if report.valid else "FAIL"
    click.echo(f"{verdict} {path} [{report.profile}] {' '.join(report.rule_ids)}".rstrip())
    for finding in report.errors + (report.warnings if warnings else ()):
        where = f"  @ {finding.location}" if finding.location else ""
        click.echo(f"  {finding.flag:<7} {finding.rule}: {finding.message}{where}")
    return 0 if report.valid else 1
