"""A fake Tradeshift external API: the paths, headers, OAuth 1 signature and error bodies
the adapter relies on (see providers/tradeshift.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from plugins.peppol.providers.oauth1 import verify
from plugins.peppol.tests.fakes import FakeServer, Reply

ROOT = "/tradeshift/rest/external/"
TENANT = "7e1b9c3a-1111-4d2a-8a38-71b425566c89"
CREDENTIALS = {
    "client_id": "OwnAccount",
    "client_secret": "OwnAccount",
    "token": "tok-1",
    "token_secret": "tok-secret",
}


def _error(status: int, code: str, message: str) -> Reply:
    return Reply(status, {"ErrorCode": code, "Message": message, "ErrorDetail": []})


class FakeTradeshift:
    def __init__(self, fake_server):
        self.dispatched: dict[str, bytes] = {}
        self.states: dict[str, str] = {}  # document id -> UnifiedState
        self.inbox: dict[str, bytes] = {}
        self.tags: dict[str, set] = {}
        self.server: FakeServer = fake_server(
            {
                ("POST", ROOT + "documents/dispatcher"): self._dispatch,
                ("GET", ROOT + "documents"): self._get,
                ("PUT", ROOT + "documents/"): self._tag,
                ("GET", ROOT + "account/info"): self._guard(
                    lambda seen: Reply(200, {"CompanyName": "Acme"})
                ),
                ("GET", ROOT + "network/peppol/participants/"): self._guard(self._participant),
            }
        )
        self.registered: set[str] = set()

    @property
    def base_url(self) -> str:
        return self.server.url + "/tradeshift"

    def _authorized(self, seen) -> bool:
        url = self.server.url + seen.path
        header = seen.headers.get("Authorization", "")
        return seen.headers.get("X-Tradeshift-TenantId") == TENANT and verify(
            seen.method, url, header, CREDENTIALS["client_secret"], CREDENTIALS["token_secret"]
        )

    def _guard(self, handler):
        def guarded(seen):
            if not self._authorized(seen):
                return _error(401, "Unauthorized", "credentials do not grant access")
            return handler(seen)

        return guarded

    def _dispatch(self, seen):
        if not self._authorized(seen):
            return _error(401, "Unauthorized", "bad signature")
        query = parse_qs(urlsplit(seen.path).query)
        document_id = query["documentId"][0]
        if not query.get("documentProfileId"):
            return _error(400, "BadRequest", "documentProfileId is blank")
        self.dispatched[document_id] = seen.body
        return Reply(200, {"DispatchId": f"d-{document_id[:8]}", "DispatchState": "ACCEPTED"})

    def _get(self, seen):
        if not self._authorized(seen):
            return _error(401, "Unauthorized", "bad signature")
        path = urlsplit(seen.path).path[len(ROOT) :]
        parts = path.split("/")
        if parts == ["documents"]:
            open_ids = [
                d for d in self.inbox if "ledgerline-processed" not in self.tags.get(d, set())
            ]
            return Reply(
                200, {"itemCount": len(open_ids), "Document": [{"DocumentId": d} for d in open_ids]}
            )
        document_id = parts[1]
        if parts[2:] == ["dispatches", "latest"]:
            if document_id not in self.dispatched:
                return _error(404, "ObjectNotFound", "no dispatch")
            state = "FAILED" if self.states.get(document_id) == "FAILED_DELIVERY" else "COMPLETED"
            return Reply(200, {"DispatchId": f"d-{document_id[:8]}", "DispatchState": state})
        if seen.headers.get("Accept") == "text/xml":
            return Reply(200, self.inbox[document_id], {"Content-Type": "text/xml"})
        return Reply(
            200,
            {"DocumentId": document_id, "UnifiedState": self.states.get(document_id, "DELIVERED")},
        )

    def _tag(self, seen):
        if not self._authorized(seen):
            return _error(401, "Unauthorized", "bad signature")
        _, document_id, _, tag = urlsplit(seen.path).path[len(ROOT) :].split("/")
        self.tags.setdefault(document_id, set()).add(tag)
        return Reply(204)

    def _participant(self, seen):
        pid = urlsplit(seen.path).path.rsplit("/", 1)[1].replace("%3A", ":")
        if pid not in self.registered:
            return _error(404, "ObjectNotFound", "not on the network")
        return Reply(200, {"ParticipantId": pid, "DocumentTypes": ["invoice"]})


__all__ = ["CREDENTIALS", "TENANT", "FakeTradeshift"]
