"""Zero sealed-but-failing documents: whatever a user drafts, preflight either refuses it
naming official rules, or the XML that would be sealed passes the shared official validator.

Runs ~250 drafts per profile by default (about a minute); LEDGERLINE_EINVOICE_EXAMPLES=5000
for a long run.
"""

import pytest
from hypothesis import HealthCheck, event, given, settings

from plugins.einvoice.public import BUILTIN_PROFILES, SEALING_PROFILES, preflight
from plugins.einvoice.tests.drafts import EXAMPLES, documents
from tests.support.einvoice import explain, validate


@pytest.mark.parametrize("profile", SEALING_PROFILES)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
@given(document=documents())
def test_preflight_refuses_or_the_official_validator_accepts(profile, document):
    blockers = preflight(document, [profile])
    if blockers:
        assert all(b.rule and b.field and b.hint for b in blockers)
        event(f"refused: {blockers[0].rule}")
        return
    event("accepted and valid")
    xml = BUILTIN_PROFILES[profile].build(document)  # exportable after sealing, too
    report = validate(xml, profile)
    assert report["fatal_rules"] == [], explain(report)
