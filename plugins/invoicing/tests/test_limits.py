"""Free plan: at most INVOICING_FREE_PLAN_MONTHLY_LIMIT invoices per company and month."""

from collections import Counter

import pytest

from core.api import db
from plugins.invoicing.services import limits
from plugins.invoicing.tests.helpers import draft_payload, raw_sql
from plugins.invoicing.tests.import_files import csv_bytes, row, upload
from tests.support.races import fire, report, same, served, tally


@pytest.fixture
def app_config(app_config):
    return {**app_config, "INVOICING_FREE_PLAN_MONTHLY_LIMIT": 3}


AR = {"headers": {"Accept-Language": "ar"}}


def _create(api, customer):
    return api.post("/api/v1/invoices", json=draft_payload(customer.id))


def _refused(resp):
    assert resp.status_code == 402, resp.get_json()
    error = resp.get_json()["error"]
    assert error["code"] == "plan_limit_reached"
    return error


def test_the_fourth_invoice_of_the_month_is_refused(api, customer):
    made = [_create(api, customer) for _ in range(3)]
    assert [r.status_code for r in made] == [201, 201, 201]
    error = _refused(_create(api, customer))
    assert "allows 3 invoices per month" in error["message"]
    assert error["details"] == {"limit": 3, "used": 3, "requested": 1, "remaining": 0}
    _refused(api.post(f"/api/v1/invoices/{made[0].get_json()['id']}/duplicate"))
    arabic = api.post("/api/v1/invoices", json=draft_payload(customer.id), **AR)
    assert _refused(arabic)["message"].startswith("تسمح خطتك بـ 3 فواتير شهريًا")
    assert api.get("/api/v1/invoices").get_json()["pagination"]["total"] == 3


def test_credit_notes_do_not_count_and_finalizing_is_not_creating(api, customer):
    ids = [_create(api, customer).get_json()["id"] for _ in range(3)]
    assert api.post(f"/api/v1/invoices/{ids[0]}/finalize").status_code == 200
    reason = {"credit_reason": "DL8.61.1.A"}
    note = api.post(f"/api/v1/invoices/{ids[0]}/credit-notes", json=reason)
    assert note.status_code == 201, note.get_json()


def test_simultaneous_creations_never_pass_the_limit(app, api, admin, api_token, customer):
    """Eight creations at once with one invoice left: one is made, seven are told (the count
    and the insert are one step per company; on PostgreSQL the company row is locked)."""
    for _ in range(2):
        _create(api, customer)
    token = api_token(admin)
    with served(app) as server:
        answers = fire(
            server, token, same("POST", "/api/v1/invoices", draft_payload(customer.id), 8)
        )
    expected = Counter({(201, None): 1, (402, "plan_limit_reached"): 7})
    assert tally(answers) == expected, report(answers, server)
    db.session.expire_all()
    assert api.get("/api/v1/invoices").get_json()["pagination"]["total"] == 3


def test_last_months_invoices_do_not_count(api, customer):
    for _ in range(3):
        _create(api, customer)
    raw_sql("UPDATE invoicing_invoice SET created_at = '2020-01-31 23:59:59'")
    assert _create(api, customer).status_code == 201


def test_each_company_has_its_own_allowance(api, customer, make_company):
    for _ in range(3):
        _create(api, customer)
    other = make_company(name="Other LLC", trn="100111222300003")
    assert limits.remaining(other.id) == 3
    limits.check_can_create(other.id, 3)  # does not raise


def test_service_gives_pages_a_clear_message(app, company, customer):
    from plugins.invoicing.services import drafts

    for _ in range(3):
        drafts.create(company.id, draft_payload(customer.id))
    db.session.commit()
    with pytest.raises(limits.PlanLimitReached) as refused:
        limits.check_can_create(company.id)
    assert refused.value.status == 402
    assert "upgrade the plan or wait for next month" in refused.value.message


def test_an_import_that_would_exceed_is_refused_whole(api, client, admin, api_token, customer):
    token = api_token(admin)
    _create(api, customer)
    rows = [row("L-1"), row("L-2"), row("L-2", "second line"), row("L-3")]
    resp = upload(client, token, csv_bytes(rows), "three.csv")
    job = api.get(resp.get_json()["job_url"]).get_json()
    assert job["status"] == "failed"
    assert "would create 3 invoices" in job["errors"][-1]
    assert "only 2 are left this month" in job["errors"][-1]
    assert api.get("/api/v1/invoices").get_json()["pagination"]["total"] == 1

    two = upload(client, token, csv_bytes(rows[:3]), "two.csv")
    assert api.get(two.get_json()["job_url"]).get_json()["status"] == "completed"
    # The allowance is used up: the next upload is refused before it is even stored.
    _refused(upload(client, token, csv_bytes([row("L-9")]), "more.csv"))


def test_a_creation_between_an_imports_batches_never_passes_the_limit(
    api, client, admin, api_token, company, customer, monkeypatch
):
    """An import commits batch by batch; an invoice created after its first batch counts, so
    the import no longer fits: it is refused whole with the plan's message and the limit holds."""
    from plugins.invoicing.importer import writer
    from plugins.invoicing.services import drafts

    monkeypatch.setattr(writer, "BATCH_LINES", 1)  # one invoice per committed batch
    write, batches, created = writer.write_batch, [], []
    payload = draft_payload(customer.id)
    company_id, token = company.id, api_token(admin)

    def write_then_someone_creates(*args):
        if len(batches) == 1:  # between the first and the second batch
            created.append(drafts.create(company_id, payload).id)
            db.session.commit()
        batches.append(write(*args))

    monkeypatch.setattr(writer, "write_batch", write_then_someone_creates)
    rows = [row("L-1"), row("L-2"), row("L-3")]
    job = upload(client, token, csv_bytes(rows), "three.csv").get_json()
    done = api.get(job["job_url"]).get_json()
    assert done["status"] == "failed", done
    assert "would create 3 invoices" in done["errors"][-1]
    assert "only 2 are left this month" in done["errors"][-1]
    listed = api.get("/api/v1/invoices").get_json()["data"]
    assert [d["id"] for d in listed] == created  # the other creation; nothing of the import


@pytest.mark.parametrize("setting", [None, ""])
def test_no_limit_configured_means_unlimited(app, api, customer, setting):
    app.config["INVOICING_FREE_PLAN_MONTHLY_LIMIT"] = setting
    assert all(_create(api, customer).status_code == 201 for _ in range(5))
