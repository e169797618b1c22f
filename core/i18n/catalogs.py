"""The translation catalogues: core's and one per enabled plugin, each a Babel directory.

A catalogue is a folder ``<locale>/LC_MESSAGES/messages.po`` (core: ``core/translations``,
a plugin: ``<package>/translations``). The ``.po`` files are the source, committed; at start-up
each is compiled into ``<instance>/translations/<catalogue>/`` when its ``.mo`` is missing or
was built from other ``.po`` text (a SHA-256 beside it), so no binary is committed and an
installed (read-only) plugin works too. A catalogue that ships only compiled ``.mo`` files is
used where it is. Later catalogues win on the same message, so a plugin can reword core's.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from core import PROJECT_ROOT

CORE_CATALOGUE = PROJECT_ROOT / "core" / "translations"
DOMAIN = "messages"


def sources(plugins) -> list[tuple[str, Path]]:
    """``(name, directory)`` of every catalogue, core first, then plugins in load order."""
    found = [("core", CORE_CATALOGUE)]
    found += [(p.name, p.path / "translations") for p in plugins]
    return [(name, path) for name, path in found if path.is_dir()]


def compiled_directories(app, plugins) -> list[Path]:
    """The directories Flask-Babel loads, compiling ``.po`` files where needed."""
    target_root = Path(app.instance_path) / "translations"
    directories = []
    for name, source in sources(plugins):
        po_files = sorted(source.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
        if not po_files:
            directories.append(source)  # ships compiled catalogues only
            continue
        for po in po_files:
            locale = po.parent.parent.name
            compile_po(po, target_root / name / locale / "LC_MESSAGES" / f"{DOMAIN}.mo")
        directories.append(target_root / name)
    return directories


def compile_po(po: Path, mo: Path) -> None:
    """Write ``mo`` from ``po`` unless it was built from the same text (processes may race:
    both files are replaced atomically, the digest last)."""
    source = po.read_bytes()
    digest = hashlib.sha256(source).hexdigest()
    stamp = mo.with_suffix(".sha256")
    if mo.exists() and stamp.exists() and stamp.read_text() == digest:
        return
    mo.parent.mkdir(parents=True, exist_ok=True)
    catalog = read_po(io.BytesIO(source))
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    _replace(mo, buffer.getvalue())
    _replace(stamp, digest.encode())


def _replace(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
