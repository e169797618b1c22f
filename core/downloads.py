"""``core.api.file_response``: a document answered as a file (PDF, XML, an export)."""

from __future__ import annotations

from flask import Response


def disposition(filename: str, inline: bool = False) -> dict:
    """The ``Content-Disposition`` header: shown in the browser (``inline``) or saved."""
    return {"Content-Disposition": f'{"inline" if inline else "attachment"}; filename="{filename}"'}


def file_response(body, mimetype: str, filename: str, *, inline: bool = False, headers=None):
    """``body`` (bytes, text or an iterator to stream) as ``filename``; ``headers`` added."""
    return Response(
        body, mimetype=mimetype, headers={**(headers or {}), **disposition(filename, inline)}
    )
