"""``http_forward``: POST the UBL to a configured URL with a bearer token.

The accounting-platform push (an accountancy inbox, a document archive): a 2xx answer means
the destination took the document; it has no delivery status, inbox or participant look-up.
"""

from __future__ import annotations

from plugins.peppol.errors import PermanentError
from plugins.peppol.providers import http
from plugins.peppol.providers.base import Health, Mls, Outgoing, Provider, SendResult, Status


class HttpForwardProvider(Provider):
    type = "http_forward"
    label = "HTTP forward (POST the UBL with a bearer token)"
    supports = frozenset({"send"})

    def _headers(self, doc: Outgoing | None = None) -> dict:
        headers = {"Content-Type": "application/xml"}
        if key := self.account.credentials.get("api_key"):
            headers["Authorization"] = f"Bearer {key}"
        if doc is not None:
            headers["X-Peppol-Instance-Id"] = doc.instance_id
            headers["Idempotency-Key"] = doc.instance_id
            headers["X-Peppol-Receiver"] = doc.receiver_id
            if doc.sender_id:
                headers["X-Peppol-Sender"] = doc.sender_id
        return headers

    def send(self, doc: Outgoing) -> SendResult:
        resp = http.request(
            "POST",
            http.join(self.account.base_url, ""),
            content=doc.xml,
            headers=self._headers(doc),
            timeout=self.account.timeout,
        )
        message_id = _message_id(resp) or doc.instance_id
        return SendResult(message_id, http.request_id(resp), resp.status_code, resp.text[:500])

    def status(self, message_id: str) -> Status:
        return Status("delivered", None, "forwarded: the destination gives no further status")

    def fetch_inbox(self):
        return []

    def acknowledge(self, message_id: str, mls: Mls) -> None:
        raise PermanentError("unsupported", "http_forward has no inbox")

    def lookup(self, participant_id: str):
        raise PermanentError("unsupported", "http_forward cannot look participants up")

    def health(self) -> Health:
        # Any HTTP answer (even 405 to a HEAD) proves the destination is reachable.
        import httpx

        try:
            resp = httpx.head(self.account.base_url or "", timeout=self.account.timeout)
        except httpx.HTTPError as exc:
            return Health(False, f"unreachable: {exc}")
        return Health(resp.status_code < 500, f"HTTP {resp.status_code}")


def _message_id(resp) -> str | None:
    try:
        body = resp.json()
    except ValueError:
        return resp.headers.get("Location")
    return str(body.get("id")) if isinstance(body, dict) and body.get("id") else None
