"""Background jobs run inline (JOBS_BACKEND = "immediate"): status, progress, errors, tenancy."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from core.api import enqueue_job, hookimpl
from core.db import db
from core.models import AuditEntry, IdempotencyRecord, Job
from core.timeutil import utcnow
from tests.support.fixtures import csrf_token


def _flaky(ctx, items=5, broken=3):
    """Process items; one is refused with a reason."""
    ctx.set_total(items)
    for n in range(1, items + 1):
        if n == broken:
            ctx.advance(ok=0, failed=1, error=f"item {n}: amount is missing")
        else:
            ctx.advance()
    return {"items": items}


def _crashes(ctx):
    """Crash half way."""
    ctx.set_total(4)
    ctx.advance(ok=2)
    raise RuntimeError("the bank file is truncated at line 3")


def _refuses(ctx):
    """Refuse with a catalogue message, as services do (``_()`` when the job runs)."""
    from core.api import ValidationFailed, _

    ctx.advance(ok=0, failed=1, error=_("Some fields are invalid."))
    raise ValidationFailed({}, _("Some fields are invalid."))


class TestJobsPlugin:
    """A plugin adding job types through the real ``job_types`` hook."""

    @hookimpl
    def job_types(self):
        return {"tests.flaky": _flaky, "tests.crashes": _crashes, "tests.refuses": _refuses}


@pytest.fixture
def job_plugin(app):
    app.extensions["ledgerline.plugins"].pm.register(TestJobsPlugin(), name="testjobs")


@pytest.fixture
def acme(make_company, make_user):
    company = make_company()
    return company, make_user(company=company)


@pytest.fixture
def globex(make_company, make_user):
    company = make_company(name="Globex FZE", trn="100999888700003")
    return company, make_user(email="admin@globex.ae", company=company)


def _audit_rows(company_id: int, n: int) -> None:
    db.session.add_all(
        AuditEntry(company_id=company_id, action="Test", record_type="t", record_id=str(i))
        for i in range(n)
    )
    db.session.commit()


def _events_of(sio_client, name: str) -> list[dict]:
    return [e["args"][0] for e in sio_client.get_received() if e["name"] == name]


def test_job_runs_to_completed_with_totals_and_live_progress(app, client, acme, globex, login):
    company, user = acme
    _audit_rows(company.id, 250)
    _audit_rows(globex[0].id, 40)
    login()
    sio = app.extensions["socketio"].test_client(app, flask_test_client=client)
    sio.get_received()

    job = enqueue_job(
        "core.demo_count", {"chunk_size": 100}, company_id=company.id, user_id=user.id
    )

    ours = db.session.scalar(
        select(func.count(AuditEntry.id)).where(AuditEntry.company_id == company.id)
    )
    assert ours >= 250  # ours plus the audit entry of queuing the job; Globex's are not counted
    assert job.status == "completed"
    assert (job.total, job.processed, job.succeeded, job.failed) == (ours, ours, ours, 0)
    assert job.result == {"audit_entries": ours}
    assert job.type == "manual" and job.errors == []
    assert job.started_at <= job.finished_at
    progress = _events_of(sio, "job_progress")
    assert [p["processed"] for p in progress] == sorted(p["processed"] for p in progress)
    assert {100, 200} <= {p["processed"] for p in progress}  # each chunk of 100 was announced
    assert progress[-1] == {
        "id": job.id,
        "name": "core.demo_count",
        "status": "completed",
        "processed": ours,
        "total": ours,
    }


def test_progress_is_written_about_every_percent_not_every_item(app, acme, job_plugin):
    from sqlalchemy import event

    company, user = acme
    writes = []

    def count_updates(conn, cursor, statement, *args):
        if statement.startswith("UPDATE core_job"):
            writes.append(statement)

    event.listen(db.engine, "before_cursor_execute", count_updates)
    try:
        params = {"items": 1000, "broken": 0}
        job = enqueue_job("tests.flaky", params, company_id=company.id, user_id=user.id)
    finally:
        event.remove(db.engine, "before_cursor_execute", count_updates)
    assert job.status == "completed" and job.processed == 1000
    # 1000 items advanced one by one: written per 10 items (1%), not 1000 times.
    assert 100 <= len(writes) <= 130


def test_item_errors_are_listed_and_the_job_still_completes(app, client, acme, job_plugin, login):
    company, user = acme
    job = enqueue_job("tests.flaky", {}, company_id=company.id, user_id=user.id)

    assert job.status == "completed"
    assert (job.total, job.processed, job.succeeded, job.failed) == (5, 5, 4, 1)
    assert job.errors == ["item 3: amount is missing"]
    login()
    html = client.get("/jobs").get_data(as_text=True)
    assert "item 3: amount is missing" in html


def test_a_crashing_job_is_failed_with_its_error(app, client, acme, job_plugin, login):
    company, user = acme
    job = enqueue_job("tests.crashes", {}, company_id=company.id, user_id=user.id)
    job_id = job.id

    assert job.status == "failed"
    assert job.errors == ["the bank file is truncated at line 3"]
    assert job.finished_at is not None
    # The next job still runs: a crash never takes the queue down with it.
    assert enqueue_job("tests.flaky", {}, company_id=company.id, user_id=user.id).status == (
        "completed"
    )
    login()
    body = client.get(f"/api/v1/jobs/{job_id}").get_json()
    assert body["status"] == "failed"
    assert body["errors"] == ["the bank file is truncated at line 3"]
    html = client.get("/jobs").get_data(as_text=True)
    assert "the bank file is truncated at line 3" in html


def test_a_jobs_messages_are_in_the_language_of_who_started_it(app, acme, job_plugin):
    """A worker has no reader: a job writes its errors in its starter's language, else the
    company's (a scheduled job), else English as before."""
    company, user = acme
    arabic, english = ["بعض الحقول غير صالحة."] * 2, ["Some fields are invalid."] * 2

    def errors(user_id=None):
        return enqueue_job("tests.refuses", {}, company_id=company.id, user_id=user_id).errors

    assert errors(user.id) == english
    user.locale = "ar"
    db.session.commit()
    assert errors(user.id) == arabic
    company.locale, user.locale = "ar", None
    db.session.commit()
    assert errors(None) == arabic and errors(user.id) == arabic
    user.locale = "en"
    db.session.commit()
    assert errors(user.id) == english


def test_a_job_the_queue_cannot_take_fails_in_the_starters_language(app, acme, monkeypatch):
    """Redis unreachable: the job is failed with why (not left pending forever), said in its
    starter's language like every job message."""
    from huey import RedisExpireHuey

    from tests.support.servers import free_port

    company, user = acme
    unreachable = RedisExpireHuey(name="gone", url=f"redis://127.0.0.1:{free_port()}/0")
    task = unreachable.task(name="ledgerline.run_job")(lambda job_id: None)
    monkeypatch.setitem(app.extensions, "ledgerline.jobs.run", task)
    for locale, words in (("en", "could not be queued: "), ("ar", "تعذر وضع المهمة في الطابور: ")):
        user.locale = locale
        db.session.commit()
        job = enqueue_job("core.demo_count", {}, company_id=company.id, user_id=user.id)
        db.session.refresh(job)
        assert job.status == "failed" and job.finished_at is not None
        assert len(job.errors) == 1 and job.errors[0].startswith(words), job.errors
        assert "Connection refused" in job.errors[0] or "Error 111" in job.errors[0]


def test_bad_params_fail_the_job_with_a_clear_message(app, acme):
    company, user = acme
    job = enqueue_job("core.demo_count", {"chunk_size": 0}, company_id=company.id, user_id=user.id)
    assert job.status == "failed"
    assert job.errors == ["chunk_size must be a whole number of at least 1, not 0"]


def test_enqueue_refuses_unknown_types_and_params(app, acme):
    from core.api import JobContext  # noqa: F401  (exported for plugins)
    from core.jobs import JobRefused

    company, user = acme
    with pytest.raises(JobRefused, match="no job type 'core.nope'"):
        enqueue_job("core.nope", {}, company_id=company.id, user_id=user.id)
    with pytest.raises(JobRefused, match="does not accept these params"):
        enqueue_job("core.demo_count", {"colour": "red"}, company_id=company.id, user_id=user.id)
    assert db.session.scalar(select(func.count(Job.id))) == 0


def test_another_companys_job_is_not_found(app, client, acme, globex, login, api_token):
    company, user = acme
    theirs = enqueue_job("core.demo_count", {}, company_id=globex[0].id, user_id=globex[1].id)
    ours = enqueue_job("core.demo_count", {}, company_id=company.id, user_id=user.id)
    theirs_id, ours_id = theirs.id, ours.id
    headers = {"Authorization": f"Bearer {api_token(user, 'read')}"}

    resp = client.get(f"/api/v1/jobs/{theirs_id}", headers=headers)
    assert resp.status_code == 404
    assert resp.get_json()["error"]["code"] == "not_found"
    assert client.get(f"/api/v1/jobs/{ours_id}", headers=headers).get_json()["id"] == ours_id
    listed = client.get("/api/v1/jobs", headers=headers).get_json()
    assert [j["id"] for j in listed["data"]] == [ours_id]
    login()
    assert client.get(f"/jobs/{theirs_id}").status_code == 404
    assert f'id="job-{theirs_id}"' not in client.get("/jobs").get_data(as_text=True)


def test_api_lists_newest_first_with_pagination(app, client, acme, api_token):
    company, user = acme
    ids = [
        enqueue_job("core.demo_count", {}, company_id=company.id, user_id=user.id).id
        for _ in range(3)
    ]
    headers = {"Authorization": f"Bearer {api_token(user, 'read')}"}
    first = client.get("/api/v1/jobs?limit=2", headers=headers).get_json()
    second = client.get("/api/v1/jobs?limit=2&offset=2", headers=headers).get_json()
    assert [j["id"] for j in first["data"] + second["data"]] == ids[::-1]
    assert first["pagination"]["total"] == 3
    bad = client.get("/api/v1/jobs?limit=zero", headers=headers)
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "invalid_parameter"


def test_api_starts_a_manual_job(app, client, acme, make_user, api_token):
    company, user = acme
    headers = {"Authorization": f"Bearer {api_token(user)}"}

    resp = client.post("/api/v1/jobs", json={"name": "core.demo_count"}, headers=headers)
    assert resp.status_code == 202
    job = resp.get_json()
    assert job["name"] == "core.demo_count" and job["status"] == "completed"
    assert client.get(f"/api/v1/jobs/{job['id']}", headers=headers).get_json() == job


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"name": "core.nope"}, 422, "unknown_job_type"),
        ({"name": "core.purge_idempotency"}, 422, "unknown_job_type"),  # scheduled only
        ({"name": "core.demo_count", "params": {"colour": "red"}}, 422, "invalid_params"),
        ({"name": "core.demo_count", "params": [1]}, 422, "validation_failed"),
        ({"params": {}}, 422, "validation_failed"),
        ({"name": "core.demo_count", "when": "now"}, 422, "validation_failed"),
    ],
)
def test_api_refuses_bad_job_requests(app, client, acme, api_token, body, status, code):
    headers = {"Authorization": f"Bearer {api_token(acme[1])}"}
    resp = client.post("/api/v1/jobs", json=body, headers=headers)
    assert resp.status_code == status
    assert resp.get_json()["error"]["code"] == code
    assert db.session.scalar(select(func.count(Job.id))) == 0


def test_api_start_needs_write_scope_and_admin(app, client, acme, make_user, api_token):
    company, user = acme
    finance = make_user(email="fin@acme.ae", company=company, role="FINANCE_USER")
    read_only = {"Authorization": f"Bearer {api_token(user, 'read')}"}
    resp = client.post("/api/v1/jobs", json={"name": "core.demo_count"}, headers=read_only)
    assert resp.status_code == 403
    as_finance = {"Authorization": f"Bearer {api_token(finance)}"}
    resp = client.post("/api/v1/jobs", json={"name": "core.demo_count"}, headers=as_finance)
    assert resp.status_code == 403 and resp.get_json()["error"]["code"] == "forbidden"
    assert client.get("/api/v1/jobs", headers=as_finance).status_code == 200


def test_admin_runs_a_job_from_the_jobs_page(app, client, acme, login):
    login()
    page = client.get("/jobs").get_data(as_text=True)
    assert "Run “Count the audit log entries (demo)”" in page
    assert "Forget old idempotency keys" not in page  # scheduled, not started by hand
    assert 'href="/jobs"' in page  # menu item

    resp = client.post(
        "/jobs/run", data={"name": "core.demo_count", "csrf_token": csrf_token(client, "/jobs")}
    )
    assert resp.status_code == 303
    job = db.session.scalars(select(Job)).one()
    html = client.get("/jobs").get_data(as_text=True)
    assert f'id="job-{job.id}"' in html and 'data-status="completed"' in html
    assert f"Job #{job.id} (Count the audit log entries (demo)) started." in html


def _text(html: str) -> str:
    """What the page shows, without tags and attribute values (tooltips may hold the code)."""
    import re

    return re.sub(r"<[^>]*>", " ", html)


def test_jobs_that_need_input_get_no_run_button_and_are_refused(app, client, acme, login):
    """send_email needs an invoice, import_zip a file: a bare Run button could only fail with
    "missing a required argument", so the page offers neither and refuses them if posted."""
    from core.jobs.registry import manual_job_types, needs_input

    login()
    page = client.get("/jobs").get_data(as_text=True)
    needy = [name for name, f in manual_job_types().items() if needs_input(f)]
    assert "invoicing.send_email" in needy and "ap.import_zip" in needy
    assert "core.demo_count" not in needy
    token = csrf_token(client, "/jobs")
    for name in needy:
        assert f'value="{name}"' not in page
        resp = client.post("/jobs/run", data={"name": name, "csrf_token": token})
        assert resp.status_code == 400
        assert "Choose one of the job types" in resp.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Job.id))) == 0


def test_run_button_refuses_unknown_types_and_missing_csrf(app, client, acme, login):
    login()
    token = csrf_token(client, "/jobs")
    resp = client.post("/jobs/run", data={"name": "core.nope", "csrf_token": token})
    assert resp.status_code == 400
    assert "Choose one of the job types" in resp.get_data(as_text=True)
    arabic = {"name": "core.nope", "csrf_token": token}
    resp = client.post("/jobs/run", data=arabic, headers={"Accept-Language": "ar"})
    assert "اختر أحد أنواع المهام" in resp.get_data(as_text=True)
    assert client.post("/jobs/run", data={"name": "core.demo_count"}).status_code == 400
    assert db.session.scalar(select(func.count(Job.id))) == 0


def test_the_jobs_page_reads_in_arabic_without_docstrings_or_codes(app, client, acme, login):
    """The Run button's note and a job's origin are labels in the reader's language: not the
    job function's English docstring nor its stored type ("manual")."""
    company, user = acme
    enqueue_job("core.demo_count", {}, company_id=company.id, user_id=user.id)
    login()
    page = client.get("/jobs", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert "harmless" not in page and "· manual" not in page
    assert "تعدّ إدخالات سجل التدقيق للشركة على دفعات" in page
    assert "· بدأها مستخدم" in page
    assert "· started by a user" in client.get("/jobs").get_data(as_text=True)


def test_finance_users_see_jobs_but_cannot_run_them(app, client, acme, make_user, login):
    make_user(email="fin@acme.ae", company=acme[0], role="FINANCE_USER")
    login("fin@acme.ae")
    page = client.get("/jobs")
    assert page.status_code == 200
    assert "Count the audit log entries (demo)" not in page.get_data(as_text=True)
    token = csrf_token(client, "/jobs")
    resp = client.post("/jobs/run", data={"name": "core.demo_count", "csrf_token": token})
    assert resp.status_code == 403
    assert db.session.scalar(select(func.count(Job.id))) == 0


def test_running_job_fragment_polls_and_listens_finished_one_stops(app, client, acme, login):
    company, user = acme
    job = Job(
        name="core.demo_count",
        company_id=company.id,
        user_id=user.id,
        status="running",
        total=200,
        processed=50,
        started_at=utcnow(),
    )
    db.session.add(job)
    db.session.commit()
    login()
    htmx = {"HX-Request": "true"}

    fragment = client.get(f"/jobs/{job.id}", headers=htmx).get_data(as_text=True)
    assert fragment.lstrip().startswith(f'<article id="job-{job.id}"')
    assert "<h1>" not in fragment  # only the job, not the page
    trigger = f"ll:job_progress:id={job.id} from:body, ll:reconnected from:body, every 2s"
    assert f'hx-trigger="{trigger}"' in fragment
    assert '<progress value="50" max="200"' in fragment

    job.status, job.processed, job.finished_at = "completed", 200, utcnow()
    db.session.commit()
    fragment = client.get(f"/jobs/{job.id}", headers=htmx).get_data(as_text=True)
    assert "hx-trigger" not in fragment and 'data-status="completed"' in fragment
    assert '<progress value="200" max="200"' in fragment


def test_purge_removes_only_expired_idempotency_records(app):
    from core.jobs.scheduled import run_scheduled

    now = utcnow()

    def record(key: str, age: timedelta) -> IdempotencyRecord:
        return IdempotencyRecord(
            owner="token:1",
            key=key,
            method_path="POST /api/v1/x",
            request_hash="h" * 64,
            created_at=now - age,
        )

    db.session.add_all(
        [
            record("old-1", timedelta(hours=25)),
            record("old-2", timedelta(days=9)),
            record("fresh", timedelta(hours=23)),
        ]
    )
    db.session.commit()

    job = db.session.get(Job, run_scheduled("core.purge_idempotency"))

    assert db.session.scalars(select(IdempotencyRecord.key)).all() == ["fresh"]
    assert job.type == "scheduled" and job.status == "completed"
    assert job.company_id is None
    assert job.result == {"purged": 2, "ttl_hours": 24}


def test_purge_is_scheduled_hourly_on_the_queue(app):
    huey = app.extensions["ledgerline.huey"]
    # Plugins schedule their own tasks (peppol's inbox tick, ...): this test is about core's.
    core_task = "ledgerline.scheduled.core."
    due = lambda ts: sorted(t.name for t in huey.read_periodic(ts) if t.name.startswith(core_task))  # noqa: E731
    assert due(datetime(2026, 3, 1, 5, 0)) == [
        "ledgerline.scheduled.core.fail_stale_jobs",
        "ledgerline.scheduled.core.purge_idempotency",
    ]
    assert due(datetime(2026, 3, 1, 5, 30)) == []


def test_worker_refuses_immediate_backend_with_a_clear_message(app):
    result = app.test_cli_runner().invoke(args=["jobs", "worker"])
    assert result.exit_code == 2
    assert "JOBS_BACKEND is 'immediate'" in result.output
