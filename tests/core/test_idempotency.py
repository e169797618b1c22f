"""Idempotency-Key on POST: replay, reuse with another body, per-owner keys, expiry, races."""

from __future__ import annotations

import json
import threading
import urllib.request
from datetime import timedelta

import pytest
from sqlalchemy import func, select


@pytest.fixture
def things(app):
    """A plugin-style POST route that creates one audit row per call (and can be told to fail)."""
    from core.api import (
        ApiError,
        api_blueprint,
        current_actor,
        db,
        describe,
        idempotent,
        json_body,
        require_permission,
    )
    from core.models import AuditEntry

    bp = api_blueprint("test_things", __name__, "/test-things")

    @bp.post("")
    @require_permission("core.company.update")
    @idempotent
    @describe(request={"type": "object"}, status=201)
    def create_thing():
        """Create a thing (test only)."""
        body = json_body()
        if body.get("fail") == "validation":
            raise ApiError(422, "validation_failed", "Not today.", {"fields": {"fail": "refused"}})
        if body.get("fail") == "crash":
            raise RuntimeError("crashed")
        entry = AuditEntry(
            company_id=current_actor().company_id,
            action="ThingCreated",
            record_type="thing",
            details=body,
        )
        db.session.add(entry)
        db.session.flush()
        if body.get("slow"):
            threading.Event().wait(0.3)  # hold the transaction open while the others race
        db.session.commit()
        return {"id": entry.id, "name": body.get("name")}, 201, {"Location": f"/t/{entry.id}"}

    app.register_blueprint(bp)
    return bp


@pytest.fixture
def acme(make_company, make_user, api_token):
    company = make_company()
    user = make_user(company=company)
    return company, user, api_token(user)


def post(client, secret, body, key=None, raw=None):
    headers = {"Authorization": f"Bearer {secret}"}
    if key is not None:
        headers["Idempotency-Key"] = key
    if raw is not None:
        return client.post(
            "/api/v1/test-things", data=raw, headers=headers, content_type="application/json"
        )
    return client.post("/api/v1/test-things", json=body, headers=headers)


def created_count() -> int:
    from core.db import db
    from core.models import AuditEntry

    count = db.session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "ThingCreated")
    )
    db.session.commit()
    return count


def test_retry_replays_the_first_response(client, things, acme):
    _, _, secret = acme
    first = post(client, secret, {"name": "A"}, key="order-1")
    assert first.status_code == 201
    assert "Idempotent-Replayed" not in first.headers
    again = post(client, secret, {"name": "A"}, key="order-1")
    assert again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json()
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["X-Correlation-ID"] != first.headers["X-Correlation-ID"]
    assert created_count() == 1


def test_same_json_with_other_spacing_is_the_same_request(client, things, acme):
    _, _, secret = acme
    post(client, secret, None, key="k", raw='{"name": "A", "n": 1}')
    again = post(client, secret, None, key="k", raw='{"n":1,"name":"A"}')
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert created_count() == 1


def test_same_key_with_another_body_is_409(client, things, acme):
    _, _, secret = acme
    post(client, secret, {"name": "A"}, key="order-1")
    resp = post(client, secret, {"name": "B"}, key="order-1")
    assert resp.status_code == 409
    assert resp.get_json()["error"]["code"] == "idempotency_key_reused"
    assert created_count() == 1


def test_amounts_a_float_would_merge_are_two_requests(client, things, acme):
    """As floats, 9876543210987654.32 and .33 are one number; the key's body check and the
    stored body (a JSON column) keep what was written."""
    from core.db import db
    from core.models import AuditEntry

    _, _, secret = acme
    first = post(client, secret, None, key="pay-1", raw='{"amount": 9876543210987654.32}')
    assert first.status_code == 201
    resp = post(client, secret, None, key="pay-1", raw='{"amount": 9876543210987654.33}')
    assert resp.status_code == 409
    assert resp.get_json()["error"]["code"] == "idempotency_key_reused"
    entry = db.session.get(AuditEntry, first.get_json()["id"])
    assert "amount" in entry.details
    db.session.commit()


def test_without_a_key_every_post_creates(client, things, acme):
    _, _, secret = acme
    post(client, secret, {"name": "A"})
    post(client, secret, {"name": "A"})
    assert created_count() == 2


def test_keys_are_private_to_each_token(client, things, acme, api_token):
    _, user, secret = acme
    other = api_token(user)
    a = post(client, secret, {"name": "A"}, key="shared-key")
    b = post(client, other, {"name": "A"}, key="shared-key")
    assert "Idempotent-Replayed" not in b.headers
    assert a.get_json()["id"] != b.get_json()["id"]
    assert created_count() == 2


def test_failed_requests_are_not_stored(client, things, acme):
    _, _, secret = acme
    refused = post(client, secret, {"fail": "validation"}, key="k1")
    assert refused.status_code == 422
    assert post(client, secret, {"name": "A"}, key="k1").status_code == 201  # key is free
    crashed = post(client, secret, {"fail": "crash"}, key="k2")
    assert crashed.status_code == 500
    retried = post(client, secret, {"fail": "crash"}, key="k2")
    assert "Idempotent-Replayed" not in retried.headers
    assert created_count() == 1


def test_bad_key_is_400(client, things, acme):
    _, _, secret = acme
    resp = post(client, secret, {"name": "A"}, key="x" * 201)
    assert resp.status_code == 400
    assert resp.get_json()["error"]["code"] == "invalid_idempotency_key"
    assert created_count() == 0


def test_expired_keys_are_purged_and_can_be_used_again(app, client, things, acme):
    from core.db import db
    from core.models import IdempotencyRecord

    _, _, secret = acme
    post(client, secret, {"name": "A"}, key="old")
    db.session.query(IdempotencyRecord).update(
        {IdempotencyRecord.created_at: IdempotencyRecord.created_at - timedelta(hours=25)}
    )
    db.session.commit()
    fresh = post(client, secret, {"name": "B"}, key="old")
    assert fresh.status_code == 201
    assert "Idempotent-Replayed" not in fresh.headers
    assert created_count() == 2
    rows = db.session.scalars(select(IdempotencyRecord)).all()
    assert [(r.key, r.request_hash != "") for r in rows] == [("old", True)]


def test_key_still_in_flight_answers_409_in_progress(app, client, things, acme):
    from core.db import db
    from core.models import IdempotencyRecord

    _, _, secret = acme
    app.config["IDEMPOTENCY_WAIT_SECONDS"] = 0.2
    post(client, secret, {"name": "A"}, key="busy")
    # Simulate a first request that claimed the key but has not answered yet.
    db.session.query(IdempotencyRecord).update({IdempotencyRecord.status_code: None})
    db.session.commit()
    resp = post(client, secret, {"name": "A"}, key="busy")
    assert resp.status_code == 409
    assert resp.get_json()["error"]["code"] == "idempotency_in_progress"


def test_twenty_concurrent_retries_create_exactly_one_record(app, things, acme):
    from werkzeug.serving import make_server

    _, _, secret = acme
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/api/v1/test-things"
    start = threading.Barrier(20)
    results: list[tuple[int, dict, str | None]] = []

    def retry() -> None:
        req = urllib.request.Request(
            url,
            data=json.dumps({"name": "A", "slow": True}).encode(),
            method="POST",
            headers={
                "Authorization": f"Bearer {secret}",
                "Idempotency-Key": "race-1",
                "Content-Type": "application/json",
            },
        )
        start.wait()
        with urllib.request.urlopen(req, timeout=60) as resp:
            body = json.loads(resp.read())
            results.append((resp.status, body, resp.headers.get("Idempotent-Replayed")))

    threads = [threading.Thread(target=retry) for _ in range(20)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(90)
    finally:
        server.shutdown()
    assert len(results) == 20
    assert {status for status, _, _ in results} == {201}
    assert len({body["id"] for _, body, _ in results}) == 1
    assert sorted(r for _, _, r in results if r) == ["true"] * 19
    assert created_count() == 1


def test_a_form_post_is_the_same_request_whatever_its_csrf_token(app):
    """Flask-WTF re-signs the token every second: a double click must still replay."""
    from core.idempotency import _fingerprint

    def fingerprint(body: str) -> str:
        with app.test_request_context(
            "/payments/1/refunds",
            method="POST",
            data=body,
            content_type="application/x-www-form-urlencoded",
        ):
            return _fingerprint()

    first = fingerprint("amount=4.00&csrf_token=AAA.1&idempotency_key=k")
    assert fingerprint("csrf_token=BBB.2&amount=4.00&idempotency_key=k") == first
    assert fingerprint("amount=5.00&csrf_token=AAA.1&idempotency_key=k") != first
