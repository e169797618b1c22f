"""Zero sealed-but-failing documents, through the real API and database: for random drafts,
finalize either answers 422 naming rules (and takes no number), or seals a document whose XML
in every required profile passes the shared official validator.

A few dozen drafts by default (each one is a real finalize); LEDGERLINE_EINVOICE_EXAMPLES
scales it (a fifth of that number runs here: each example is a real finalize).
"""

from decimal import Decimal

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from plugins.einvoice.tests.drafts import EXAMPLES, prices, quantities
from plugins.invoicing.services.einvoice_gate import profiles_for
from plugins.invoicing.tests.helpers import draft_payload
from tests.support.einvoice import explain, validate

REASONS = {"E": "Residential lease", "O": "Outside the scope of UAE VAT", "Z": "Export"}


@st.composite
def api_lines(draw):
    category = draw(st.sampled_from(["S", "S", "S", "Z", "E", "O"]))
    rate = draw(st.sampled_from(["5", "5", "5", "15"])) if category == "S" else "0"
    body = {
        "description": "Item",
        "quantity": str(draw(quantities)),
        "unit_price": str(draw(prices)),
        "tax_category": category,
        "tax_rate": rate,
        "allowance": draw(st.sampled_from(["0", "0", "1.50"])),
    }
    if category in REASONS:
        body["exemption_reason"] = REASONS[category]
    return body


@st.composite
def api_drafts(draw):
    currency = draw(st.sampled_from(["AED", "AED", "USD", "EUR"]))
    extra = {"lines": draw(st.lists(api_lines(), min_size=1, max_size=4)), "currency": currency}
    if currency != "AED":
        extra["exchange_rate"] = str(
            draw(st.integers(1, 9_999_999).map(lambda n: Decimal(n) / 10**6))
        )
    return extra


@settings(
    max_examples=max(EXAMPLES // 5, 25),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(extra=api_drafts())
def test_finalize_refuses_before_numbering_or_seals_what_the_official_rules_accept(
    api, customer, extra
):
    from plugins.invoicing.models import Invoice

    draft = api.post("/api/v1/invoices", json=draft_payload(customer.id, **extra))
    if draft.status_code == 422:  # refused as input (e.g. a price below zero)
        event("draft refused")
        return
    draft = draft.get_json()
    done = api.post(f"/api/v1/invoices/{draft['id']}/finalize")
    if done.status_code == 422:
        error = done.get_json()["error"]
        event(f"refused: {error['code']}")
        assert error["code"] in ("einvoice_rules", "validation_failed")
        if error["code"] == "einvoice_rules":
            assert all(b["rule"] in error["message"] for b in error["details"]["blockers"][:10])
        assert api.get(f"/api/v1/invoices/{draft['id']}").get_json()["number"] is None
        return
    assert done.status_code == 200, done.get_json()
    event("sealed")
    from core.api import db

    sealed = db.session.get(Invoice, draft["id"])
    for profile in profiles_for(sealed):
        xml = api.get(f"/api/v1/invoices/{draft['id']}/ubl?profile={profile}")
        assert xml.status_code == 200, xml.get_json()
        report = validate(xml.data, profile)
        assert report["fatal_rules"] == [], explain(report)
