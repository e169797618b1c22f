"""Official example documents (../shared/einvoice) to feed provider inboxes."""

from __future__ import annotations

import json

from tests.support.einvoice import VALIDATOR

SHARED = VALIDATOR.parent
EXAMPLES = SHARED / "examples"


def example(name: str) -> bytes:
    return next(EXAMPLES.glob(f"*/{name}")).read_bytes()


def broken(name: str) -> bytes:
    return (SHARED / "tests" / "broken" / name).read_bytes()


def every_broken() -> list[tuple[str, bytes, list[str]]]:
    """(name, bytes, the rule ids it must fail on) of each deliberately broken official copy."""
    return [
        (name, (folder / name).read_bytes(), expected["expect_fatal"])
        for folder in sorted((SHARED / "tests").glob("broken*"))
        for name, expected in json.loads((folder / "EXPECTED.json").read_text()).items()
    ]


def variant(xml: bytes, note: str) -> bytes:
    """The same document with different bytes (a trailing comment): a new hash."""
    return xml + f"\n<!-- {note} -->\n".encode()
