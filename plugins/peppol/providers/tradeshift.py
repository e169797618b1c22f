"""``tradeshift``: Tradeshift's external REST API (``.../tradeshift/rest/external/...``).

Assumptions from Tradeshift's public documentation (see docs/peppol.md):
- two-legged OAuth 1.0a (HMAC-SHA1): credentials ``client_id``/``client_secret`` are the
  consumer key/secret (default ``OwnAccount``), ``token``/``token_secret`` the access token;
  every request carries ``X-Tradeshift-TenantId`` (account setting ``tenant_id``);
- sending: ``POST documents/dispatcher?documentId=<uuid>&documentProfileId=<profile>`` with
  the UBL; the client-chosen document id is our SBDH instance id, so a retry reuses it, and
  before dispatching again ``GET documents/<id>/dispatches/latest`` tells whether the first
  attempt landed (the dispatcher POST itself is not idempotent);
- status: ``dispatches/latest`` (DispatchState ACCEPTED / PROCESSING / COMPLETED /
  FAILED_TRANSIENT / FAILED) and the document's ``UnifiedState`` (ACCEPTED,
  REJECTED_BY_RECEIVER) for the business answer;
- inbox: ``GET documents?stag=inbox&withouttag=<tag>`` then each document as XML; it is
  acknowledged by tagging it (``PUT documents/<id>/tags/<tag>``, plus ``mls-<code>``);
- look-up: ``GET network/peppol/participants/<id>`` (assumed path);
- errors: ``{"ErrorCode", "Message"}``; 412 = no connection to the receiver (permanent),
  503 = object being refreshed (transient).
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from plugins.peppol.errors import PermanentError, ProviderError, TransientError
from plugins.peppol.providers import http
from plugins.peppol.providers.base import (
    Health,
    InboxMessage,
    Lookup,
    Mls,
    Outgoing,
    Provider,
    SendResult,
    Status,
)
from plugins.peppol.providers.oauth1 import authorization

PROFILES = {  # documentProfileId per (profile, document type); override with settings
    ("peppol", "invoice"): "peppol.bis3.invoice",
    ("peppol", "credit_note"): "peppol.bis3.creditnote",
    ("pint-ae", "invoice"): "peppol.pint.ae.invoice",
    ("pint-ae", "credit_note"): "peppol.pint.ae.creditnote",
}
DONE_TAG = "ledgerline-processed"
DISPATCH = {"COMPLETED": "delivered", "FAILED": "failed"}
UNIFIED_MLS = {"ACCEPTED": "AP", "REJECTED_BY_RECEIVER": "RE", "PAID_CONFIRMED": "AP"}


class TradeshiftProvider(Provider):
    type = "tradeshift"
    label = "Tradeshift (external REST API)"

    def _call(self, method: str, path: str, *, params=None, accept="application/json", **kw):
        url = http.join(self.account.base_url, "rest/external/" + path)
        if params:
            url += "?" + urlencode(params)
        c = self.account.credentials
        headers = {
            "Accept": accept,
            "X-Tradeshift-TenantId": str(self.account.settings.get("tenant_id", "")),
            "Authorization": authorization(
                method,
                url,
                c.get("client_id", "OwnAccount"),
                c.get("client_secret", "OwnAccount"),
                c.get("token", c.get("api_key", "")),
                c.get("token_secret", ""),
            ),
            **kw.pop("headers", {}),
        }
        try:
            return http.request(method, url, headers=headers, timeout=self.account.timeout, **kw)
        except ProviderError as exc:
            raise _reclassify(exc) from exc

    def _latest_dispatch(self, document_id: str) -> dict | None:
        try:
            return self._call("GET", f"documents/{quote(document_id)}/dispatches/latest").json()
        except PermanentError as exc:
            if exc.status_code == 404:
                return None
            raise

    def send(self, doc: Outgoing) -> SendResult:
        landed = self._latest_dispatch(doc.instance_id)
        if landed and landed.get("DispatchState") != "FAILED":
            return SendResult(doc.instance_id, landed.get("DispatchId"), 200, "already dispatched")
        profiles = {**PROFILES, **_profile_settings(self.account.settings)}
        resp = self._call(
            "POST",
            "documents/dispatcher",
            params={
                "documentId": doc.instance_id,
                "documentProfileId": profiles[(doc.profile, doc.document_type)],
                "directly": "true",
            },
            content=doc.xml,
            headers={"Content-Type": "application/xml"},
        )
        dispatch_id = _json(resp).get("DispatchId")
        return SendResult(
            doc.instance_id, dispatch_id or http.request_id(resp), resp.status_code, resp.text[:500]
        )

    def status(self, message_id: str) -> Status:
        dispatch = self._latest_dispatch(message_id) or {}
        state = DISPATCH.get(dispatch.get("DispatchState"), "sent")
        if state == "failed":
            return Status(
                "failed", None, f"Tradeshift dispatch failed: {dispatch.get('DispatchId')}"
            )
        document = self._call("GET", f"documents/{quote(message_id)}").json()
        code = UNIFIED_MLS.get(document.get("UnifiedState"))
        if code:
            reasons = (
                ({"code": "BV", "text": document.get("UnifiedState")},) if code == "RE" else ()
            )
            return Status("delivered", Mls(code, reasons))
        return Status(state)

    def fetch_inbox(self) -> list[InboxMessage]:
        listing = self._call(
            "GET", "documents", params={"stag": "inbox", "withouttag": DONE_TAG, "type": "invoice"}
        ).json()
        messages = []
        for item in listing.get("Document", []):
            document_id = item["DocumentId"]
            xml = self._call("GET", f"documents/{quote(document_id)}", accept="text/xml").content
            messages.append(InboxMessage(document_id, xml, None))
        return messages

    def acknowledge(self, message_id: str, mls: Mls) -> None:
        for tag in (f"mls-{mls.code.lower()}", DONE_TAG):
            self._call("PUT", f"documents/{quote(message_id)}/tags/{tag}")

    def lookup(self, participant_id: str) -> Lookup:
        try:
            found = self._call("GET", f"network/peppol/participants/{quote(participant_id)}").json()
        except PermanentError as exc:
            if exc.error_class == "unknown_participant":
                return Lookup(False)
            raise
        return Lookup(True, tuple(found.get("DocumentTypes", [])))

    def health(self) -> Health:
        try:
            info = self._call("GET", "account/info").json()
        except ProviderError as exc:
            return Health(False, exc.message)
        return Health(True, f"account {info.get('CompanyName', '')}".strip())


def _json(resp) -> dict:
    try:
        body = resp.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _profile_settings(settings: dict) -> dict:
    custom = settings.get("document_profiles") or {}
    return {tuple(k.split("/", 1)): v for k, v in custom.items() if "/" in k}


def _reclassify(exc: ProviderError) -> ProviderError:
    """Tradeshift's own meanings: 412 no connection to the receiver, 503 object refreshing."""
    if exc.status_code == 412:
        return PermanentError(
            "unknown_participant", exc.message, status_code=412, answer=exc.answer
        )
    if exc.status_code == 503:
        return TransientError("not_ready", exc.message, status_code=503, answer=exc.answer)
    return exc
