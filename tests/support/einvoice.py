"""The official e-invoice validator (../shared/einvoice/validate.py), loaded once per session.

    from tests.support.einvoice import fatal_rules
    assert fatal_rules(xml_bytes, "pint-ae") == []

validate.py runs the official rule files (UBL XSD, CEN EN 16931, Peppol BIS 3.0, PINT-AE) on
Saxon-HE. Compiling them costs ~0.5 s, so there is one Oracle per profile per process.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import tempfile
from pathlib import Path

_REPO = Path(__file__).resolve().parents[2]
_CANDIDATES = [
    os.environ.get("LEDGERLINE_EINVOICE_DIR"),
    _REPO.parent / "shared" / "einvoice",
    "/work/shared/einvoice",
]


def _find_validator() -> Path:
    """The official validator beside the checkout (../shared/einvoice), or where the env says."""
    for candidate in filter(None, _CANDIDATES):
        path = Path(candidate) / "validate.py"
        if path.is_file():
            return path
    raise RuntimeError(
        "official e-invoice validator not found: set LEDGERLINE_EINVOICE_DIR to the folder "
        "holding validate.py (looked in: " + ", ".join(map(str, filter(None, _CANDIDATES))) + ")"
    )


VALIDATOR = _find_validator()


@functools.cache
def _module():
    spec = importlib.util.spec_from_file_location("einvoice_validate", VALIDATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def oracle(profile: str):
    return _module().Oracle(profile)


def validate(xml: bytes, profile: str) -> dict:
    """The validator's full report (``valid``, ``fatal_rules``, ``errors``) for one document."""
    with tempfile.NamedTemporaryFile(suffix=".xml") as handle:
        handle.write(xml)
        handle.flush()
        return oracle(profile).validate(handle.name)


def fatal_rules(xml: bytes, profile: str) -> list[str]:
    return validate(xml, profile)["fatal_rules"]


def explain(report: dict) -> str:
    """Failure text for an assertion message: rule, message and location of each error."""
    return "\n".join(
        f"{e['rule']}: {e['message'][:240]} @ {e.get('location', '')}" for e in report["errors"]
    )
