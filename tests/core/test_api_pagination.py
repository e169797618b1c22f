"""List endpoints: limit/offset envelope, stable order among ties, bad parameters, tenancy."""

from __future__ import annotations

from datetime import datetime

import pytest

SAME_TIME = datetime(2026, 1, 15, 9, 30)


@pytest.fixture
def two_companies(app, make_company, make_user, api_token):
    """Acme with 7 audit entries sharing one timestamp (ties), Beta with 3 of its own."""
    from core.db import db
    from core.models import AuditEntry

    acme = make_company()
    beta = make_company(name="Beta FZE", trn="100999888700003")
    for company, count in ((acme, 7), (beta, 3)):
        for n in range(count):
            db.session.add(
                AuditEntry(
                    company_id=company.id,
                    action="ThingTouched",
                    record_type="thing",
                    record_id=str(n % 2),
                    details={"n": n},
                    created_at=SAME_TIME,
                )
            )
    db.session.commit()
    headers = {"Authorization": f"Bearer {api_token(make_user(company=acme))}"}
    return acme, beta, headers


def get(client, headers, query=""):
    return client.get(f"/api/v1/audit{query}", headers=headers)


def test_envelope_and_default_limit(client, two_companies):
    acme, _, headers = two_companies
    body = get(client, headers).get_json()
    assert body["pagination"] == {"limit": 50, "offset": 0, "total": 7, "next_offset": None}
    assert {e["company_id"] for e in body["data"]} == {acme.id}


def test_pages_cover_every_row_once_in_a_stable_order(client, two_companies):
    _, _, headers = two_companies
    seen, offset = [], 0
    while offset is not None:
        body = get(client, headers, f"?limit=3&offset={offset}").get_json()
        assert len(body["data"]) <= 3
        seen += [e["id"] for e in body["data"]]
        offset = body["pagination"]["next_offset"]
    assert len(seen) == 7
    assert seen == sorted(seen)  # ties on created_at are broken by id
    assert [e["id"] for e in get(client, headers, "?limit=50").get_json()["data"]] == seen


def test_filters_by_record(client, two_companies):
    _, _, headers = two_companies
    body = get(client, headers, "?record_type=thing&record_id=1").get_json()
    assert body["pagination"]["total"] == 3
    assert {e["record_id"] for e in body["data"]} == {"1"}
    assert get(client, headers, "?record_type=invoice").get_json()["data"] == []


@pytest.mark.parametrize(
    "query, name",
    [
        ("?limit=0", "limit"),
        ("?limit=-5", "limit"),
        ("?limit=abc", "limit"),
        ("?limit=201", "limit"),
        ("?offset=-1", "offset"),
        ("?offset=1.5", "offset"),
    ],
)
def test_bad_parameters_are_400(client, two_companies, query, name):
    _, _, headers = two_companies
    resp = get(client, headers, query)
    assert resp.status_code == 400
    error = resp.get_json()["error"]
    assert error["code"] == "invalid_parameter"
    assert list(error["details"]["fields"]) == [name]


def test_limit_maximum_comes_from_config(app, client, two_companies):
    _, _, headers = two_companies
    app.config["API_PAGE_LIMIT_MAX"] = 5
    assert get(client, headers, "?limit=6").status_code == 400
    assert get(client, headers, "?limit=5").get_json()["pagination"]["next_offset"] == 5


def test_another_companys_entry_is_404(client, two_companies):
    from sqlalchemy import select

    from core.db import db
    from core.models import AuditEntry

    acme, beta, headers = two_companies
    own = db.session.scalar(select(AuditEntry.id).where(AuditEntry.company_id == acme.id))
    foreign = db.session.scalar(select(AuditEntry.id).where(AuditEntry.company_id == beta.id))
    assert get(client, headers, f"/{own}").status_code == 200
    resp = get(client, headers, f"/{foreign}")
    assert resp.status_code == 404
    assert resp.get_json()["error"]["code"] == "not_found"


def test_super_admin_sees_every_company(client, two_companies, make_user, api_token):
    root = make_user(email="root@ledgerline.test", role="SUPER_ADMIN")
    headers = {"Authorization": f"Bearer {api_token(root, 'read')}"}
    assert get(client, headers).get_json()["pagination"]["total"] == 10


def test_audit_needs_its_permission(client, two_companies, make_user, api_token):
    # Every built-in company role may read the audit log; a role outside them holds nothing.
    acme, _, _ = two_companies
    nobody = make_user(email="guest@acme.ae", company=acme, role="GUEST")
    resp = get(client, {"Authorization": f"Bearer {api_token(nobody)}"})
    assert resp.status_code == 403
    assert resp.get_json()["error"]["code"] == "forbidden"
