"""The jobs API checks a job's params by the same rules as the job's own API when queued."""

import pytest
from sqlalchemy import func, select

from core.api import db
from core.models import Job


@pytest.mark.parametrize(
    ("before", "message"),
    [("2099-01-01", "must not be in the future"), ("1st of May", "must be a date YYYY-MM-DD")],
)
def test_jobs_api_refuses_an_archive_the_archive_api_would_refuse(api, before, message):
    direct = api.post("/api/v1/admin/archive", json={"before": before})
    queued = api.post(
        "/api/v1/jobs", json={"name": "payments.archive", "params": {"before": before}}
    )
    assert direct.status_code == queued.status_code == 422
    error = queued.get_json()["error"]
    assert error["code"] == "validation_failed"
    assert error["details"] == direct.get_json()["error"]["details"]
    assert error["details"]["fields"]["before"] == message
    assert db.session.scalar(select(func.count(Job.id))) == 0  # nothing was queued


def test_a_past_cut_off_is_queued_through_the_jobs_api(api):
    resp = api.post(
        "/api/v1/jobs", json={"name": "payments.archive", "params": {"before": "2020-01-01"}}
    )
    assert resp.status_code == 202, resp.get_json()
    assert resp.get_json()["status"] == "completed"
