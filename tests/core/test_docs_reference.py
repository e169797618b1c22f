"""docs/plugins.md has a reference row for every name ``core.api`` exports."""

from __future__ import annotations

import re

import core.api
from core import PROJECT_ROOT

DOC = PROJECT_ROOT / "docs" / "plugins.md"


def reference_rows(text: str) -> set[str]:
    section = text.split("## core.api reference", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE))


def test_every_core_api_name_has_a_reference_entry():
    missing = set(core.api.__all__) - reference_rows(DOC.read_text())
    assert not missing, f"add a row to docs/plugins.md 'core.api reference' for: {sorted(missing)}"


def test_the_reference_lists_nothing_core_api_lacks():
    stale = reference_rows(DOC.read_text()) - set(core.api.__all__)
    assert not stale, f"docs/plugins.md documents names core.api does not export: {sorted(stale)}"


def test_every_exported_name_exists():
    assert [name for name in core.api.__all__ if not hasattr(core.api, name)] == []
