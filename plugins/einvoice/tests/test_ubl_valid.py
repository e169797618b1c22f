"""Every generated document passes the official validator in each profile it targets."""

import pytest

from plugins.einvoice.tests.shapes import CASES, SHAPES
from plugins.einvoice.ubl import BUILTIN_PROFILES
from tests.support.einvoice import explain, validate


@pytest.mark.parametrize(("shape", "profile"), CASES, ids=[f"{s}-{p}" for s, p in CASES])
def test_generated_document_passes_official_rules(shape, profile):
    document = SHAPES[shape][0]()
    xml = BUILTIN_PROFILES[profile].build(document)
    report = validate(xml, profile)
    assert report["fatal_rules"] == [], explain(report)
