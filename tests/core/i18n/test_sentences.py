"""The activity feed writes events as sentences with the user's name and a link."""

from __future__ import annotations


def test_activity_feed_names_the_user_and_links_the_record(app, make_company, make_user, login):
    from sqlalchemy import select

    from core.db import db
    from core.models import Job
    from tests.support.fixtures import csrf_token

    company = make_company()
    user = make_user(company=company)
    user.full_name = "Sara Ali"
    db.session.commit()
    client = login()
    token = csrf_token(client, "/jobs")
    client.post("/jobs/run", data={"name": "core.demo_count", "csrf_token": token})
    job = db.session.scalars(select(Job)).one()
    html = client.get("/live/activity", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert f'Sara Ali started <a href="/jobs/{job.id}">job #{job.id}</a>' in html
    assert "JobQueued</" not in html
    arabic = client.get("/live/activity", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert f'بدأ Sara Ali <a href="/jobs/{job.id}">مهمة #{job.id}</a>' in arabic


def test_an_event_without_a_pattern_still_reads_as_words(app, make_company, make_user, login):
    from core.db import db
    from core.events import DomainEvent, publish

    company = make_company()
    make_user(company=company)
    client = login()
    publish(DomainEvent("WidgetPolished", "widget", 7, company.id, {}))
    db.session.commit()
    html = client.get("/live/activity").get_data(as_text=True)
    assert "widget polished, widget #7" in html


def test_every_plugin_record_kind_links_to_its_page(app):
    hook = app.extensions["ledgerline.plugins"].hook
    pages = {
        "core_job": "/jobs/7",
        "invoice": "/invoicing/invoices/7",
        "customer": "/invoicing/customers/7",
        "payment": "/payments/7",
        "purchase_order": "/ap/purchase-orders/7",
        "goods_receipt": "/ap/receipts/7",
        "bill": "/ap/bills/7",
        "peppol_transmission": "/peppol/transmissions/7",
    }
    with app.test_request_context():
        found = {kind: hook.record_url(record_type=kind, record_id="7") for kind in pages}
        assert found == pages
        assert hook.record_url(record_type="refund", record_id=7) is None  # no page of its own
