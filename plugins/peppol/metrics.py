"""``GET /metrics`` in the Prometheus text format (prometheus-client).

Counts that live in the database (transmissions by state, inbox totals, job runs) are read
at scrape time, so every process reports the same numbers; attempt counters and latency
histograms are per process, as Prometheus expects of a scraped target. Open to loopback
callers, or to anyone sending ``Authorization: Bearer $LEDGERLINE_METRICS_TOKEN``.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, current_app, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import generate_latest
from sqlalchemy import func, select

from core.api import csrf, db, scoped

bp = Blueprint("peppol_metrics", __name__)
csrf.exempt(bp)
KEY = "peppol.metrics"
LOOPBACK = {"127.0.0.1", "::1"}
BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)


class _Instruments:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.attempts = Counter(
            "peppol_attempts",
            "Provider send attempts by provider and outcome",
            ["provider", "type", "outcome"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "peppol_provider_latency_seconds",
            "Provider send call latency",
            ["provider", "type"],
            buckets=BUCKETS,
            registry=self.registry,
        )
        self.registry.register(_DatabaseCollector())


def install(app) -> None:
    app.extensions[KEY] = _Instruments()


def observe_attempt(provider: str, type_: str, outcome: str, seconds: float) -> None:
    inst = current_app.extensions.get(KEY)
    if inst is None:
        return
    inst.attempts.labels(provider, type_, outcome).inc()
    inst.latency.labels(provider, type_).observe(seconds)


class _DatabaseCollector:
    def collect(self):
        from plugins.peppol.models import InboundDocument, ProviderAccount, Transmission

        with scoped(None):
            yield _gauge(
                "peppol_transmissions",
                "Transmissions by state and provider",
                ["state", "provider"],
                db.session.execute(
                    select(Transmission.state, ProviderAccount.name, func.count())
                    .outerjoin(ProviderAccount, ProviderAccount.id == Transmission.provider_id)
                    .group_by(Transmission.state, ProviderAccount.name)
                ).all(),
            )
            yield _gauge(
                "peppol_inbox_documents",
                "Received documents by outcome",
                ["status"],
                db.session.execute(
                    select(InboundDocument.status, func.count()).group_by(InboundDocument.status)
                ).all(),
            )
            yield from _job_metrics()


def _gauge(name, doc, labels, rows):
    family = GaugeMetricFamily(name, doc, labels=labels)
    for *values, count in rows:
        family.add_metric([str(v or "") for v in values], count)
    return family


def _job_metrics():
    job = db.metadata.tables["core_job"]  # core's job table; core.api has no Job model
    rows = db.session.execute(
        select(job.c.name, job.c.status, job.c.started_at, job.c.finished_at).where(
            job.c.name.like("peppol.%")
        )
    ).all()
    runs = GaugeMetricFamily(
        "peppol_job_runs", "Peppol job runs by status", labels=["job", "status"]
    )
    seconds = GaugeMetricFamily(
        "peppol_job_duration_seconds_sum", "Total run time of finished Peppol jobs", labels=["job"]
    )
    counts, durations = {}, {}
    for name, status, started, finished in rows:
        counts[(name, status)] = counts.get((name, status), 0) + 1
        if started and finished:
            durations[name] = durations.get(name, 0.0) + (finished - started).total_seconds()
    for (name, status), n in sorted(counts.items()):
        runs.add_metric([name, status], n)
    for name, total in sorted(durations.items()):
        seconds.add_metric([name], total)
    yield runs
    yield seconds


def _allowed() -> bool:
    token = current_app.config.get("METRICS_TOKEN")
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    # A request relayed by a reverse proxy on this host also comes from loopback: only a
    # direct local caller (no forwarding header) gets in without the token.
    forwarded = request.headers.get("X-Forwarded-For") or request.headers.get("Forwarded")
    return request.remote_addr in LOOPBACK and not forwarded


@bp.get("/metrics")
def metrics():
    if not _allowed():
        return Response("forbidden\n", status=403, mimetype="text/plain")
    inst = current_app.extensions[KEY]
    return Response(generate_latest(inst.registry), mimetype=CONTENT_TYPE_LATEST)
