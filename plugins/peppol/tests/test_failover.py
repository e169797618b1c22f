"""Failover in priority order, and the circuit breaker: open after N consecutive failures,
half-open after the cool-down, closed again by a successful trial call."""

from plugins.invoicing.tests.helpers import raw_sql
from plugins.peppol.tests.fakes import Reply, Sleep
from plugins.peppol.tests.helpers import add_provider, refused_url, transmit


def test_refused_primary_fails_over_to_the_next_provider(api, mock_account, sealed_invoice):
    add_provider(api, name="primary", type="http_forward", priority=1, base_url=refused_url())
    body = transmit(api, sealed_invoice["id"]).get_json()
    assert (body["state"], body["provider"]) == ("SENT", "primary-mock")
    assert [(a["provider"], a["error_class"]) for a in body["attempts"]] == [
        ("primary", "connection"),
        ("primary-mock", None),
    ]


def test_timing_out_primary_fails_over(api, fake_server, mock_account, sealed_invoice):
    slow = fake_server({("POST", "/"): Sleep(2.0)})
    add_provider(api, name="slow", type="http_forward", priority=1, base_url=slow.url + "/in")
    body = transmit(api, sealed_invoice["id"]).get_json()
    assert (body["state"], body["provider"]) == ("SENT", "primary-mock")
    assert body["attempts"][0]["error_class"] == "timeout"


def test_a_permanent_answer_does_not_fail_over(api, fake_server, mock_account, sealed_invoice):
    picky = fake_server({("POST", "/"): Reply(400, "no")})
    add_provider(api, name="picky", type="http_forward", priority=1, base_url=picky.url + "/in")
    body = transmit(api, sealed_invoice["id"]).get_json()
    assert (body["state"], body["error_class"]) == ("PERMANENTLY_FAILED", "rejected")
    assert mock_account.calls == 0


def test_circuit_opens_then_recovers_half_open(
    api, company, fake_server, mock_account, invoice_for
):
    primary = fake_server({("POST", "/"): Reply(202, {"id": "ok"})})
    primary.script("POST", "/", Reply(503, "down"), Reply(503, "down"))
    pid = add_provider(
        api, name="primary", type="http_forward", priority=1, base_url=primary.url + "/in"
    )["id"]
    invoices = [invoice_for("100.00") for _ in range(4)]
    for inv in invoices[:2]:  # two consecutive failures: threshold 2 opens the circuit
        assert transmit(api, inv["id"]).get_json()["provider"] == "primary-mock"
    health = api.get("/api/v1/peppol/health").get_json()
    assert {p["name"]: p["status"] for p in health["providers"]}["primary"] == "down"
    third = transmit(api, invoices[2]["id"]).get_json()
    assert [a["provider"] for a in third["attempts"]] == ["primary-mock"]  # skipped while open
    assert len(primary.requests_to("POST", "/")) == 2
    raw_sql(  # the cool-down has passed
        "UPDATE peppol_provider SET circuit_opened_at = '2000-01-01 00:00:00' WHERE id = :id",
        id=pid,
    )
    assert api.get(f"/api/v1/peppol/providers/{pid}").get_json()["circuit"] == "half_open"
    fourth = transmit(api, invoices[3]["id"]).get_json()
    assert (fourth["state"], fourth["provider"]) == ("SENT", "primary")
    assert api.get(f"/api/v1/peppol/providers/{pid}").get_json()["circuit"] == "closed"
    health = api.get("/api/v1/peppol/health").get_json()
    assert {p["name"]: p["status"] for p in health["providers"]}["primary"] == "up"


def test_every_circuit_open_waits_without_spending_attempts(api, company, fake_server, invoice_for):
    down = fake_server({("POST", "/"): Reply(503, "down")})
    add_provider(api, name="only", type="http_forward", base_url=down.url + "/in")
    for inv in (invoice_for("1.00"), invoice_for("2.00")):
        transmit(api, inv["id"])
    third = transmit(api, invoice_for("3.00")["id"]).get_json()
    assert third["state"] == "FAILED" and third["attempt_count"] == 0
    assert "circuit open" in third["last_error"]
