"""Official example documents (../shared/einvoice) to feed provider inboxes."""

from __future__ import annotations

from tests.support.einvoice import VALIDATOR

SHARED = VALIDATOR.parent
EXAMPLES = SHARED / "examples"


def example(name: str) -> bytes:
    return next(EXAMPLES.glob(f"*/{name}")).read_bytes()


def broken(name: str) -> bytes:
    return (SHARED / "tests" / "broken" / name).read_bytes()


def variant(xml: bytes, note: str) -> bytes:
    """The same document with different bytes (a trailing comment): a new hash."""
    return xml + f"\n<!-- {note} -->\n".encode()
