"""The verification QR code: the document's number and hash, readable by any phone."""

from __future__ import annotations

import io

import segno

PREFIX = "ledgerline:verify"


def payload(number: str, document_hash: str) -> str:
    """``ledgerline:verify:<number>:<hash>``; a verifier recomputes the hash and compares."""
    return f"{PREFIX}:{number}:{document_hash}"


def png(text: str) -> io.BytesIO:
    # Level M survives a smudge on paper; a 4-module quiet zone is what scanners expect.
    code = segno.make(text, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="png", scale=8, border=4)
    out.seek(0)
    return out
