"""/metrics: Prometheus text with transmissions, attempts, latency, jobs and inbox totals."""

from plugins.peppol.tests.helpers import transmit


def test_metrics_content(app, client, api, mock_account, sealed_invoice):
    mock_account.script("server_error")
    transmit(api, sealed_invoice["id"])
    resp = client.get("/metrics", environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert resp.status_code == 200
    assert resp.mimetype == "text/plain"
    text = resp.get_data(as_text=True)
    assert 'peppol_transmissions{provider="",state="FAILED"} 1.0' in text
    assert (
        'peppol_attempts_total{outcome="transient",provider="primary-mock",type="mock"} 1.0' in text
    )
    assert 'peppol_provider_latency_seconds_count{provider="primary-mock",type="mock"} 1.0' in text
    assert 'peppol_job_runs{job="peppol.send",status="completed"} 1.0' in text
    assert "peppol_job_duration_seconds_sum" in text
    assert "# TYPE peppol_inbox_documents gauge" in text


def test_metrics_are_closed_to_remote_callers_without_the_token(app, client):
    remote = {"REMOTE_ADDR": "10.1.2.3"}
    assert client.get("/metrics", environ_base=remote).status_code == 403
    proxied = client.get(
        "/metrics",
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
        headers={"X-Forwarded-For": "8.8.8.8"},
    )
    assert proxied.status_code == 403
    app.config["METRICS_TOKEN"] = "m-secret"
    assert client.get("/metrics", environ_base=remote).status_code == 403
    ok = client.get("/metrics", environ_base=remote, headers={"Authorization": "Bearer m-secret"})
    assert ok.status_code == 200
