"""Every official example imports (the Greek ones are refused naming the XSD), and every broken
document is refused with at least the rule ids its EXPECTED.json names; nothing is stored."""

import hashlib
import json
from pathlib import Path

import pytest

from plugins.ap.tests.helpers import post_xml

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "einvoice"
if not SHARED.exists():  # CI lays shared/ beside the clone
    SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "einvoice"
EXAMPLES = sorted((SHARED / "examples").glob("*/*.xml"))
GREEK = [p for p in EXAMPLES if "national-GR" in p.name]
# issue116 claims Peppol BIS 3.0 in its CustomizationID, and the official Peppol rules refuse
# its Swedish organisation number; examples/INDEX.md lists it as passing EN 16931 only.
# ubl-tc434-creditnote1 names Peppol's billing process (ProfileID) under a plain EN 16931
# CustomizationID, exactly the mutation of tests/broken/wrong-customization-id.xml, which must be
# refused with PEPPOL-EN16931-R004: both are judged as the Peppol documents they say they are.
PEPPOL_REFUSED = {
    "issue116.xml": "PEPPOL-COMMON-R049",
    "ubl-tc434-creditnote1.xml": "PEPPOL-EN16931-R004",
}
IMPORTED = [p for p in EXAMPLES if p not in GREEK and p.name not in PEPPOL_REFUSED]
BROKEN = [
    (path, rules)
    for folder in sorted(SHARED.glob("tests/broken*"))
    for name, rules in (
        (n, e["expect_fatal"])
        for n, e in json.loads((folder / "EXPECTED.json").read_text()).items()
    )
    for path in [folder / name]
]


def test_the_official_files_are_all_here():
    assert len(EXAMPLES) == 34 and len(GREEK) == 2
    assert len(BROKEN) == 25


def _bills(api):
    return api.get("/api/v1/bills?limit=200").get_json()["pagination"]["total"]


@pytest.mark.parametrize("path", IMPORTED, ids=lambda p: p.name)
def test_official_example_imports(api, path):
    xml = path.read_bytes()
    resp = post_xml(api, xml)
    assert resp.status_code == 201, resp.get_json()
    bill = resp.get_json()
    assert bill["status"] == "MATCHED" and bill["source"] == "api"
    assert bill["kind"] in ("invoice", "credit_note") and bill["lines"]
    assert isinstance(bill["warnings"], list)
    doc = api.get(f"/api/v1/bills/{bill['id']}/document")
    assert doc.status_code == 200 and doc.data == xml
    assert doc.headers["X-Content-SHA256"] == hashlib.sha256(xml).hexdigest()


@pytest.mark.parametrize("path", GREEK, ids=lambda p: p.name)
def test_greek_examples_are_refused_naming_the_xsd(api, path):
    resp = post_xml(api, path.read_bytes())
    assert resp.status_code == 422
    error = resp.get_json()["error"]
    assert error["code"] == "einvoice_invalid" and "XSD" in error["details"]["rules"]
    assert _bills(api) == 0


@pytest.mark.parametrize("name", sorted(PEPPOL_REFUSED))
def test_a_peppol_claim_is_judged_by_peppol_rules(api, name):
    path = next(p for p in EXAMPLES if p.name == name)
    resp = post_xml(api, path.read_bytes())
    assert resp.status_code == 422
    assert PEPPOL_REFUSED[path.name] in resp.get_json()["error"]["details"]["rules"]


@pytest.mark.parametrize("path,rules", BROKEN, ids=lambda v: getattr(v, "name", ""))
def test_broken_document_is_refused_with_its_rules(api, path, rules):
    resp = post_xml(api, path.read_bytes())
    assert resp.status_code == 422, resp.get_json()
    error = resp.get_json()["error"]
    assert error["code"] == "einvoice_invalid"
    assert set(rules) <= set(error["details"]["rules"])
    assert all(f["message"] for f in error["details"]["findings"])
    assert _bills(api) == 0
