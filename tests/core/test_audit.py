"""The audit trail: every domain event leaves an entry, with personal data masked."""

from __future__ import annotations

from sqlalchemy import select


def _publish(app, company, data, actor=None, rollback=False):
    from core.db import db
    from core.events import DomainEvent, publish

    publish(DomainEvent("ThingChanged", "thing", 7, company.id, data=data, actor=actor))
    if rollback:
        db.session.rollback()
    else:
        db.session.commit()


def _entries():
    from core.db import db
    from core.models import AuditEntry

    return list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_committed_event_is_audited_with_masked_personal_data(app, make_company):
    company = make_company()
    _publish(
        app,
        company,
        {
            "email": "adiba.rahman@acme.ae",
            "trn": "123456789012789",
            "phone": "+971501234567",
            "note": "call +971501234567 or write to adiba.rahman@acme.ae",
        },
    )
    [entry] = _entries()
    assert (entry.action, entry.record_type, entry.record_id) == ("ThingChanged", "thing", "7")
    assert entry.company_id == company.id
    assert entry.details["email"] == "adi***@acme.ae"
    assert entry.details["trn"] == "123***789"
    assert entry.details["phone"] == "+971***567"
    assert entry.details["note"] == "call +971***567 or write to adi***@acme.ae"


def test_secrets_never_reach_the_audit_log(app, make_company):
    company = make_company()
    _publish(
        app,
        company,
        {
            "password": "correct horse battery",
            "api_token": "llt_abcdef123456",
            "mfa_secret": "JBSWY3DPEHPK3PXP",
            "nested": {"private_key": "-----BEGIN PRIVATE KEY-----"},
        },
    )
    [entry] = _entries()
    text = repr(entry.details)
    for secret in ("correct horse", "llt_abcdef", "JBSWY3DP", "BEGIN PRIVATE"):
        assert secret not in text
    assert entry.details["password"] == "[redacted]"


def test_rolled_back_change_leaves_no_audit_entry(app, make_company):
    company = make_company()
    _publish(app, company, {"x": 1}, rollback=True)
    assert _entries() == []


def test_actor_is_recorded_by_label(app, make_company, make_user):
    from core.auth.identity import actor_for_user

    company = make_company()
    user = make_user(company=company)
    _publish(app, company, {}, actor=actor_for_user(user))
    [entry] = _entries()
    assert entry.user_id == user.id
    assert entry.actor_label == "adm***@acme.ae"
