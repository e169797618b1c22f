"""``basware``: Basware's REST APIs (api.basware.com) with OAuth 2 client credentials.

Assumptions from Basware's public API documentation (see docs/peppol.md):
- token: ``POST /v1/tokens`` with HTTP Basic ``client_id:client_secret`` and the form
  ``grant_type=client_credentials``; answers ``{access_token, expires_in}``; other calls
  send JSON with ``Authorization: Bearer <token>``;
- sending (assumed path ``POST /v1/salesInvoices``): ``{documentId, sender, receiver,
  documentType, profile, content (base64 UBL)}``; the answer header ``x-amzn-RequestId``
  names the request, as for every Basware import API;
- status: ``GET /v1/requestStatus/<requestId>`` (InProgress / Success / Error, with
  per-item messages of category DataValidation or Technical);
- inbox: ``GET /v1/accountingDocuments`` (invoices ready for transfer; the UBL is assumed in
  ``originalDocument`` as base64), acknowledged with ``POST
  /v1/accountingDocuments/<id>/acknowledge`` then ``/transferResponses`` carrying the MLS;
- no participant look-up is offered.
"""

from __future__ import annotations

import base64
import threading
import time
from urllib.parse import quote

from plugins.peppol.errors import PermanentError, ProviderError
from plugins.peppol.providers import http
from plugins.peppol.providers.base import (
    Health,
    InboxMessage,
    Mls,
    Outgoing,
    Provider,
    SendResult,
    Status,
)

_TOKENS: dict[tuple, tuple[str, float]] = {}  # (base url, client id) -> (token, expires at)
_LOCK = threading.Lock()
REQUEST_STATES = {"InProgress": "sent", "Success": "delivered", "AcknowledgedSuccess": "delivered"}


class BaswareProvider(Provider):
    type = "basware"
    label = "Basware (OAuth 2 REST APIs)"
    supports = frozenset({"send", "status", "inbox"})

    def _token(self) -> str:
        c = self.account.credentials
        key = (self.account.base_url, c.get("client_id"))
        with _LOCK:
            cached = _TOKENS.get(key)
        if cached and cached[1] > time.monotonic() + 30:
            return cached[0]
        resp = http.request(
            "POST",
            http.join(self.account.base_url, "v1/tokens"),
            data={"grant_type": "client_credentials"},
            auth=(c.get("client_id", ""), c.get("client_secret", c.get("api_key", ""))),
            timeout=self.account.timeout,
        )
        body = resp.json()
        token = body["access_token"]
        with _LOCK:
            _TOKENS[key] = (token, time.monotonic() + float(body.get("expires_in", 3600)))
        return token

    def _call(self, method: str, path: str, **kw):
        headers = {"Authorization": f"Bearer {self._token()}", "Accept": "application/json"}
        url = http.join(self.account.base_url, path)
        try:
            return http.request(method, url, headers=headers, timeout=self.account.timeout, **kw)
        except PermanentError as exc:
            if exc.error_class == "auth":  # an expired token: forget it, ask once more
                with _LOCK:
                    _TOKENS.pop(
                        (self.account.base_url, self.account.credentials.get("client_id")), None
                    )
            raise

    def send(self, doc: Outgoing) -> SendResult:
        resp = self._call(
            "POST",
            "v1/salesInvoices",
            json={
                "documentId": doc.instance_id,
                "sender": doc.sender_id,
                "receiver": doc.receiver_id,
                "documentType": doc.document_type,
                "profile": doc.profile,
                "content": base64.b64encode(doc.xml).decode(),
            },
        )
        request_id = resp.headers.get("x-amzn-RequestId") or doc.instance_id
        return SendResult(request_id, request_id, resp.status_code, resp.text[:500])

    def status(self, message_id: str) -> Status:
        body = self._call("GET", f"v1/requestStatus/{quote(message_id)}").json()
        entries = body.get("requestStatus") or [{}]
        state = entries[0].get("requestStatus", "InProgress")
        if state in REQUEST_STATES:
            return Status(REQUEST_STATES[state])
        problems = _messages(entries[0])
        if any(p.get("category") == "DataValidation" for p in problems):
            reasons = tuple({"code": "BV", "text": p.get("message", "")} for p in problems)
            return Status("delivered", Mls("RE", reasons))
        return Status("failed", None, "; ".join(p.get("message", "") for p in problems))

    def fetch_inbox(self) -> list[InboxMessage]:
        items = self._call("GET", "v1/accountingDocuments").json()
        if isinstance(items, dict):
            items = items.get("accountingDocuments", [])
        return [
            InboxMessage(
                str(i["invoiceId"]), base64.b64decode(i["originalDocument"]), i.get("sender")
            )
            for i in items
            if i.get("originalDocument")
        ]

    def acknowledge(self, message_id: str, mls: Mls) -> None:
        path = f"v1/accountingDocuments/{quote(message_id)}"
        self._call("POST", f"{path}/acknowledge", json={})
        status = "Success" if mls.code in ("AP", "AB") else "Failure"
        text = "; ".join(f"{r.get('code')}: {r.get('text', '')}" for r in mls.reasons)
        self._call(
            "POST", f"{path}/transferResponses", json={"transferStatus": status, "message": text}
        )

    def lookup(self, participant_id: str):
        raise PermanentError("unsupported", "Basware offers no participant look-up here")

    def health(self) -> Health:
        try:
            self._token()
        except ProviderError as exc:
            return Health(False, exc.message)
        return Health(True, "token issued")


def _messages(entry: dict) -> list[dict]:
    found = []
    for system in entry.get("systems") or []:
        for item in system.get("items") or []:
            found.extend(item.get("errors") or item.get("messages") or [])
    return found
