"""Official examples and deliberately broken documents (../shared/einvoice, beside the checkout)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.einvoice import VALIDATOR

SHARED = VALIDATOR.parent
EXAMPLES = sorted((SHARED / "examples").glob("*/*.xml"))
GREEK = [path for path in EXAMPLES if path.name.startswith("national-GR")]


def broken(folder: str) -> list[tuple[Path, list[str]]]:
    """(document, rule ids it must fail on) for tests/broken or tests/broken-pint-ae."""
    base = SHARED / "tests" / folder
    expected = json.loads((base / "EXPECTED.json").read_text(encoding="utf-8"))
    return [(base / name, entry["expect_fatal"]) for name, entry in sorted(expected.items())]


def expected_profile(path: Path) -> str | None:
    """The profile an example passes under, per examples/INDEX.md (None: plain EN 16931)."""
    if path.parent.name == "pint-ae":
        return "pint-ae"
    if path.parent.name == "peppol-bis-3.0.19":
        return "peppol"
    return None
