"""Where to send the user after login: only to a path on this site."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import url_for


def safe_next(target: str | None) -> str:
    if _is_local_path(target):
        return target
    return url_for("core_web.dashboard")


def _is_local_path(target: str | None) -> bool:
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    # Browsers read "/\evil.com" as "//evil.com" and drop tabs and newlines inside URLs.
    if "\\" in target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc
