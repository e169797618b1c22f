"""``flask plugins new NAME``: write a complete plugin package from the files in ``plugin/``.

Each ``*.tmpl`` file is a ``string.Template`` (``${name}``, ``${title}``); ``__name__`` in a
path becomes the plugin's name. The ``.tmpl`` suffix keeps ruff and pytest away from them.
"""

from __future__ import annotations

import keyword
import re
from pathlib import Path
from string import Template

TEMPLATE_ROOT = Path(__file__).parent / "plugin"
NAME = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
RESERVED = {"core", "api", "static", "login", "logout", "apps", "company", "plugins", "db"}


class ScaffoldError(ValueError):
    """The name or the target directory cannot be used; the message says why."""


def validate_name(name: str, taken: set[str]) -> None:
    if not NAME.match(name) or name.endswith("_") or "__" in name:
        raise ScaffoldError(
            f"{name!r} is not a valid plugin name: use 2-31 lowercase letters, digits and "
            "single underscores, starting with a letter (e.g. 'crm_notes')"
        )
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        raise ScaffoldError(f"{name!r} is a Python keyword; choose another plugin name")
    if name in RESERVED:
        raise ScaffoldError(f"{name!r} is reserved by Ledgerline core; choose another name")
    if name in taken:
        raise ScaffoldError(f"a plugin named {name!r} is already installed")


def write_plugin(name: str, target: Path, taken: set[str]) -> list[Path]:
    """Write the package into ``target`` (which must not exist or be empty)."""
    validate_name(name, taken)
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} already exists and is not empty")
    values = {"name": name, "title": name.replace("_", " ").title()}
    written = []
    for source in sorted(TEMPLATE_ROOT.rglob("*.tmpl")):
        relative = source.relative_to(TEMPLATE_ROOT).with_suffix("")
        path = target / str(relative).replace("__name__", name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Template(source.read_text()).substitute(values))
        written.append(path)
    return written
