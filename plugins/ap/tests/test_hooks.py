"""Other plugins' matching rules (``ap_matching_rules``) and the paid event."""

import pytest

from plugins.ap.tests.helpers import post_bill, receive


class RequireDueDate:
    """A plugin whose rule: bills need a due date."""

    from core.api import hookimpl

    @hookimpl
    def ap_matching_rules(self, bill, match):
        return [] if bill.due_date else ["the bill has no due date"]


@pytest.fixture
def with_rule(app):
    plugins = app.extensions["ledgerline.plugins"]
    plugin = RequireDueDate()
    plugins.pm.register(plugin)
    yield
    plugins.pm.unregister(plugin)


def test_a_plugin_rule_makes_a_clean_match_partial(with_rule, api, vendor, sent_po):
    po = sent_po()
    receive(api, po, ("100", "100"), ("10", "10"))
    bill = post_bill(api, vendor, po, (0, "100", "2.50"), (1, "10", "100.00")).get_json()
    assert bill["match_status"] == "PARTIAL_MATCH"
    assert bill["match"]["rules"] == ["the bill has no due date"]
    dated = post_bill(
        api, vendor, po, (0, "100", "2.50"), number="X-2", due_date="2026-04-10"
    ).get_json()
    assert dated["match"]["rules"] == []


def test_paid_in_full_event_marks_an_approved_bill_paid(app, api, vendor, sent_po, company):
    from core.api import DomainEvent, db, publish

    po = sent_po()
    receive(api, po, ("100", "100"), ("10", "10"))
    bill = post_bill(api, vendor, po, (0, "100", "2.50"), (1, "10", "100.00")).get_json()
    other = post_bill(api, vendor, None, (None, "1", "1.00"), number="N-1").get_json()
    api.post(f"/api/v1/bills/{bill['id']}/approve")
    for target in (bill, other):
        data = {"paid_in_full": True}
        publish(DomainEvent("VendorBillPaid", "bill", target["id"], company.id, data))
    db.session.commit()
    assert api.get(f"/api/v1/bills/{bill['id']}").get_json()["status"] == "PAID"
    assert api.get(f"/api/v1/bills/{other['id']}").get_json()["status"] == "MATCHED"
