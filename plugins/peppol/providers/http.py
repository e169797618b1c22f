"""One HTTP call for the REST adapters: real timeouts, and failures turned into error classes."""

from __future__ import annotations

import httpx

from plugins.peppol.errors import PermanentError, TransientError, from_status

ANSWER_LIMIT = 2000
# One pooled client per process: building one per call (what ``httpx.request`` does) costs
# an SSL context each time, more than a local call itself. httpx clients are thread-safe.
_CLIENT = httpx.Client()


def request(method: str, url: str, *, timeout: float, **kw) -> httpx.Response:
    """One HTTP call that raises ``TransientError`` / ``PermanentError`` for failures."""
    try:
        resp = _CLIENT.request(method, url, timeout=timeout, **kw)
    except httpx.TimeoutException as exc:
        raise TransientError("timeout", f"no answer within {timeout:g} s ({url})") from exc
    except httpx.TransportError as exc:
        raise TransientError("connection", f"could not connect to {url}: {exc}") from exc
    if resp.status_code >= 400:
        answer = resp.text[:ANSWER_LIMIT]
        raise from_status(
            resp.status_code,
            f"{method} {url} answered {resp.status_code}: {answer[:300]}",
            answer=answer,
            request_id=request_id(resp),
        )
    return resp


def request_id(resp: httpx.Response) -> str | None:
    for name in ("X-Request-Id", "X-Correlation-Id", "X-Tradeshift-RequestId"):
        if resp.headers.get(name):
            return resp.headers[name][:200]
    return None


def join(base: str | None, path: str) -> str:
    if not base:
        raise PermanentError("unsupported", "the provider account has no base URL")
    if not path:
        return base
    return base.rstrip("/") + "/" + path.lstrip("/")


def client() -> httpx.Client:
    return _CLIENT
