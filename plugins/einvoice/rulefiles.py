"""The vendored official rule files: where they are, which profile uses which, and their pins."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parent / "rules"
MANIFEST_PATH = RULES_DIR / "MANIFEST.json"
XSD_LAYER = "ubl-2.1-xsd"
XSD_ROOTS = {
    "Invoice": "ubl-2.1-xsd/maindoc/UBL-Invoice-2.1.xsd",
    "CreditNote": "ubl-2.1-xsd/maindoc/UBL-CreditNote-2.1.xsd",
}


class RuleFileChanged(RuntimeError):
    """A vendored rule file is missing or differs from its pinned SHA-256."""


@functools.cache
def manifest() -> dict:
    return json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verified_path(relative: str) -> Path:
    """The absolute path of a pinned rule file, after checking its SHA-256."""
    entry = manifest()["files"].get(relative)
    path = RULES_DIR / relative
    if entry is None or not path.is_file():
        raise RuleFileChanged(f"rule file {relative} is not installed")
    if sha256(path) != entry["sha256"]:
        raise RuleFileChanged(f"rule file {relative} does not match its pinned SHA-256")
    return path


def stylesheets(profile: str) -> list[str]:
    """The Schematron stylesheets of a profile, in the order they run (XSD runs first, always)."""
    return [layer for layer in manifest()["profiles"][profile] if layer != XSD_LAYER]


def versions() -> dict[str, str]:
    return dict(manifest()["versions"])
