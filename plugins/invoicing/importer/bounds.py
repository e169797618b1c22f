"""How much one import may be: rows, and what an XLSX file may unpack to.

Stated on the upload page and in the API description before anything is uploaded. An XLSX
file is a ZIP archive: its members' declared sizes are checked before openpyxl opens it, so a
small file that unpacks to gigabytes (one huge cell, a "zip bomb") is refused up front.
Python's zipfile never inflates a member past its declared size, so the check holds.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from flask import current_app

from core.api import gettext as _

MAX_ROWS_CONFIG = "INVOICING_IMPORT_MAX_ROWS"
DEFAULT_MAX_ROWS = 100_000
MAX_UNPACKED_CONFIG = "INVOICING_IMPORT_MAX_UNPACKED_BYTES"
DEFAULT_MAX_UNPACKED = 200 * 1024 * 1024
# Spreadsheet XML packs about 15:1; a bomb packs hundreds or thousands to one.
MAX_RATIO = 100
RATIO_FROM_BYTES = 1024 * 1024  # tiny members may pack better; they cannot hurt
MAX_MEMBERS = 1000


class ArchiveRefused(ValueError):
    """The XLSX archive would unpack to too much; str() says why, for the user."""


def max_rows() -> int:
    return int(current_app.config.get(MAX_ROWS_CONFIG) or DEFAULT_MAX_ROWS)


def max_unpacked() -> int:
    return int(current_app.config.get(MAX_UNPACKED_CONFIG) or DEFAULT_MAX_UNPACKED)


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def check_archive(path: Path, limit: int) -> None:
    """Refuse an XLSX whose members unpack past ``limit`` bytes or pack suspiciously well."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ArchiveRefused(_("The file is not a readable XLSX workbook.")) from exc
    if len(members) > MAX_MEMBERS:
        raise ArchiveRefused(
            _("The XLSX file holds more than %(MAX_MEMBERS)s parts.", MAX_MEMBERS=MAX_MEMBERS)
        )
    total = sum(m.file_size for m in members)
    if total > limit:
        raise ArchiveRefused(
            _(
                "The XLSX file unpacks to %(value)s, more than the import limit of "
                "%(value2)s; split it into several files.",
                value=megabytes(total),
                value2=megabytes(limit),
            )
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
            raise ArchiveRefused(
                _(
                    "The XLSX file is refused: its part %(member_filename)s unpacks to "
                    "%(ratio)s times its packed size (a spreadsheet packs at most about "
                    "%(MAX_RATIO)s to one). Save it again from your spreadsheet program.",
                    member_filename=member.filename,
                    ratio=format(ratio, ".0f"),
                    MAX_RATIO=MAX_RATIO,
                )
            )
