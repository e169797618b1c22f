"""Outgoing URLs (provider base URLs, webhook endpoints) a company may configure.

Unless ``PEPPOL_ALLOW_PRIVATE_URLS`` is set, a URL whose host is or resolves to a loopback,
private, link-local or otherwise internal address is refused when it is saved, so a company
admin cannot point the server at its own network. Checked at save time only (a DNS answer
that changes later is not caught).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlparse

from flask import current_app


def problem(url: str) -> str | None:
    """Why ``url`` may not be used, or None."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname or len(url) > 500:
        return "must be an http(s) URL"
    if current_app.config.get("PEPPOL_ALLOW_PRIVATE_URLS"):
        return None
    if any(_internal(address) for address in _addresses(parsed.hostname)):
        return "must not point at a private or local network address"
    return None


def _addresses(host: str) -> list[str]:
    try:
        return [ipaddress.ip_address(host).compressed]
    except ValueError:
        pass
    try:
        return [info[4][0] for info in socket.getaddrinfo(host, None)]
    except OSError:
        return []  # unknown today: the call itself will fail


def _internal(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    return not ip.is_global or ip.is_multicast
