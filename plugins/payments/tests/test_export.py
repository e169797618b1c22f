"""Export as NDJSON with a checksum; import into an empty database restores it exactly."""

import hashlib
import json
from decimal import Decimal

import pytest

from core.api import db
from plugins.payments.tests.helpers import allocation, pay
from tests.conftest import _base_config


@pytest.fixture
def busy_company(api, invoice_for):
    """Invoices, payments (one reversed, one refunded), an archived payment, customer credit
    (kept from an overpayment, part of it used) under the ``credit`` setting, and the chain."""
    first, second = invoice_for("1000.00"), invoice_for("500.00")
    old = pay(api, allocation(first["id"], "100.00"), date="2026-01-05").get_json()
    kept = pay(api, allocation(first["id"], "200.00"), allocation(second["id"], "25.00"))
    kept = kept.get_json()
    wrong = pay(api, allocation(second["id"], "10.00"), method="cash").get_json()
    api.post(f"/api/v1/payments/{wrong['id']}/reverse")
    refund = api.post(
        "/api/v1/refunds", json={"payment_id": kept["id"], "amount": "20.00", "reason": "Gift"}
    ).get_json()
    api.post(f"/api/v1/refunds/{refund['id']}/approve")
    api.post(f"/api/v1/refunds/{refund['id']}/process")
    _credit_used(api, invoice_for)
    resp = api.post("/api/v1/admin/archive", json={"before": "2026-02-01"})
    assert resp.status_code == 202
    return old


def _credit_used(api, invoice_for):
    """45.00 of credit from paying 150.00 on 105.00; 21.00 of it used on another invoice."""
    resp = api.patch("/api/v1/payments/settings", json={"overpayment_policy": "credit"})
    assert resp.status_code == 200
    over, small = invoice_for("100.00"), invoice_for("20.00")
    assert pay(api, allocation(over["id"], "150.00")).get_json()["credit_created"] == "45.00"
    body = {"customer_id": over["customer_id"], "invoice_id": small["id"], "amount": "21.00"}
    resp = api.post("/api/v1/payments/credit-allocations", json=body)
    assert resp.status_code == 201, resp.get_json()


def _export(api) -> bytes:
    resp = api.get("/api/v1/admin/export")
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    assert resp.mimetype == "application/x-ndjson"
    assert "attachment" in resp.headers["Content-Disposition"]
    return resp.get_data()


def test_export_has_header_records_and_a_checksummed_footer(api, busy_company, company):
    body = _export(api)
    lines = body.splitlines(keepends=True)
    header, footer = json.loads(lines[0]), json.loads(lines[-1])
    assert header["type"] == "header" and header["version"] == 2
    assert header["company"]["id"] == company.id
    assert footer["sha256"] == hashlib.sha256(b"".join(lines[:-1])).hexdigest()
    types = [json.loads(line)["type"] for line in lines[1:-1]]
    for kind in ("customer", "invoice", "invoice_line", "invoice_tax", "payment", "refund"):
        assert kind in types
    assert footer["counts"]["payment_archive"] == 1
    assert footer["counts"]["payment"] == 4  # kept, wrong, its reversal, the overpayment
    assert footer["counts"]["credit_entry"] == 2  # overpayment kept, credit applied
    assert footer["counts"]["payment_settings"] == footer["counts"]["payment_chain_head"] == 1
    # Chained: 5 payments (one archived), the reversal, one processed refund, 2 credit entries.
    assert footer["counts"]["payment_chain_entry"] == 8
    assert footer["counts"]["audit"] > 0
    assert {k: v for k, v in footer["counts"].items() if v} == {t: types.count(t) for t in types}
    user = next(json.loads(x)["row"] for x in lines if b'"type":"user"' in x)
    assert "password_hash" not in user and "mfa_secret_encrypted" not in user


def test_export_shows_only_the_callers_company(api, busy_company, make_company):
    other = make_company(name="Other LLC", trn="100555555500003")
    body = _export(api)
    assert f'"company_id":{other.id},'.encode() not in body


def _fresh_app(db_template, tmp_path):
    from core import create_app

    return create_app(_base_config(db_template(), tmp_path / "other"))


def _statuses():
    from plugins.invoicing.models import Invoice

    return {i.number: (i.payment_status, i.amount_due) for i in db.session.query(Invoice)}


def test_import_into_an_empty_database_restores_it_exactly(
    api, busy_company, customer, company, db_template, tmp_path
):
    from plugins.payments import credit, settings

    original = _export(api)
    statuses, chain = _statuses(), api.get("/api/v1/payments/chain/verify").get_json()
    balance = credit.balance(company.id, customer.id)
    assert chain["ok"] and balance == {"AED": Decimal("24.00")}
    path = tmp_path / "export.ndjson"
    path.write_bytes(original)
    other = _fresh_app(db_template, tmp_path)
    with other.app_context():
        runner = other.test_cli_runner()
        result = runner.invoke(args=["payments", "import-export", str(path)])
        assert result.exit_code == 0, result.output
        assert "payment_archive: 1" in result.output and "credit_entry: 2" in result.output
        from plugins.payments.export.writer import export_lines

        again = b"".join(export_lines(company.id))
        # The restored invoices are payable like the originals: amounts due came along.
        assert _statuses() == statuses
        # The customer keeps the unused credit, the company its overpayment policy.
        assert credit.balance(company.id, customer.id) == balance
        assert settings.overpayment_policy(company.id) == "credit"
        verified = runner.invoke(args=["payments", "verify", "--company", str(company.id)])
        db.session.remove()
    assert verified.exit_code == 0, verified.output
    assert f"ok, {chain['checked']} entries, head {chain['head_hash']}" in verified.output
    assert again.splitlines() == original.splitlines()


def test_a_tampered_export_is_refused_and_nothing_is_written(
    api, busy_company, db_template, tmp_path
):
    lines = _export(api).splitlines(keepends=True)
    lines[3] = lines[3].replace(b'"', b'"', 1).replace(b"1", b"2", 1)
    path = tmp_path / "tampered.ndjson"
    path.write_bytes(b"".join(lines))
    other = _fresh_app(db_template, tmp_path)
    with other.app_context():
        result = other.test_cli_runner().invoke(args=["payments", "import-export", str(path)])
        from sqlalchemy import text

        companies = db.session.scalar(text("SELECT COUNT(*) FROM core_company"))
        db.session.remove()
    assert result.exit_code == 1
    assert "Checksum mismatch" in result.output
    assert companies == 0


def test_a_truncated_export_is_refused(api, busy_company, db_template, tmp_path):
    path = tmp_path / "cut.ndjson"
    path.write_bytes(b"".join(_export(api).splitlines(keepends=True)[:-1]))
    other = _fresh_app(db_template, tmp_path)
    with other.app_context():
        result = other.test_cli_runner().invoke(args=["payments", "import-export", str(path)])
    assert result.exit_code == 1 and "incomplete" in result.output


def test_import_refuses_a_database_that_is_not_empty(app, api, busy_company, tmp_path):
    path = tmp_path / "export.ndjson"
    path.write_bytes(_export(api))
    result = app.test_cli_runner().invoke(args=["payments", "import-export", str(path)])
    assert result.exit_code == 1 and "not empty" in result.output


def test_only_admins_may_export(client, make_user, company, api_token):
    from plugins.invoicing.tests.helpers import Api

    clerk = Api(client, api_token(make_user("clerk@acme.ae", company, role="FINANCE_USER")))
    assert clerk.get("/api/v1/admin/export").status_code == 403
