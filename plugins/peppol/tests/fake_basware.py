"""A fake Basware API: OAuth 2 client-credentials tokens, the sales-invoice import with
``x-amzn-RequestId``, request status, and accounting documents to acknowledge."""

from __future__ import annotations

import base64
import json
import uuid

from plugins.peppol.tests.fakes import FakeServer, Reply

CLIENT = {"client_id": "bw-client", "client_secret": "bw-secret"}


class FakeBasware:
    def __init__(self, fake_server):
        self.tokens: set[str] = set()
        self.invoices: dict[str, dict] = {}  # request id -> posted body
        self.statuses: dict[str, dict] = {}
        self.documents: dict[str, bytes] = {}
        self.transfers: dict[str, dict] = {}
        self.server: FakeServer = fake_server(
            {
                ("POST", "/v1/tokens"): self._token,
                ("POST", "/v1/salesInvoices"): self._guard(self._invoice),
                ("GET", "/v1/requestStatus/"): self._guard(self._status),
                ("GET", "/v1/accountingDocuments"): self._guard(self._documents),
                ("POST", "/v1/accountingDocuments/"): self._guard(self._respond),
            }
        )

    @property
    def base_url(self) -> str:
        return self.server.url

    def _token(self, seen):
        expected = "Basic " + base64.b64encode(b"bw-client:bw-secret").decode()
        if (
            seen.headers.get("Authorization") != expected
            or b"grant_type=client_credentials" not in seen.body
        ):
            return Reply(401, {"detail": "OAuth authorization failed."})
        token = uuid.uuid4().hex
        self.tokens.add(token)
        return Reply(200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600})

    def _guard(self, handler):
        def guarded(seen):
            token = seen.headers.get("Authorization", "").removeprefix("Bearer ")
            if token not in self.tokens:
                return Reply(401, {"detail": "Invalid JWT token."})
            return handler(seen)

        return guarded

    def _invoice(self, seen):
        body = json.loads(seen.body)
        request_id = str(uuid.uuid4())
        self.invoices[request_id] = body
        self.statuses[request_id] = {"requestStatus": "InProgress", "systems": []}
        return Reply(202, {}, {"x-amzn-RequestId": request_id})

    def _status(self, seen):
        request_id = seen.path.rsplit("/", 1)[1]
        if request_id not in self.statuses:
            return Reply(404, {"detail": "Not found"})
        return Reply(
            200, {"requestStatus": [{"requestId": request_id, **self.statuses[request_id]}]}
        )

    def _documents(self, seen):
        open_docs = [i for i in self.documents if i not in self.transfers]
        return Reply(
            200,
            [
                {"invoiceId": i, "originalDocument": base64.b64encode(self.documents[i]).decode()}
                for i in open_docs
            ],
        )

    def _respond(self, seen):
        _, _, _, invoice_id, action = seen.path.split("/")
        if action == "transferResponses":
            self.transfers[invoice_id] = json.loads(seen.body)
        return Reply(200, "")
