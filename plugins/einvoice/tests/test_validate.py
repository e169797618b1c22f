"""validate() judges documents exactly as the official rules do, and refuses what is not UBL."""

import threading

import pytest

from plugins.einvoice.public import NotUBLError, detect_profile, validate
from plugins.einvoice.tests.official import EXAMPLES, GREEK, broken, expected_profile

OFFICIAL_VALID = [p for p in EXAMPLES if expected_profile(p) and p not in GREEK]


@pytest.mark.parametrize("path", OFFICIAL_VALID, ids=lambda p: p.name)
def test_official_examples_pass_under_the_profile_their_customization_id_names(path):
    xml = path.read_bytes()
    report = validate(xml)
    assert report.profile == expected_profile(path) == detect_profile(xml)
    assert report.valid, report.errors
    assert report.rule_ids == []


@pytest.mark.parametrize("path", GREEK, ids=lambda p: p.name)
def test_greek_national_examples_break_the_ubl_xsd_upstream_and_say_so(path):
    report = validate(path.read_bytes(), "peppol")
    assert not report.valid
    assert "XSD" in report.rule_ids
    xsd = [f for f in report.errors if f.rule == "XSD"]
    assert all(f.flag == "fatal" and f.message for f in xsd)


@pytest.mark.parametrize(
    ("path", "rules"),
    broken("broken") + broken("broken-pint-ae"),
    ids=lambda v: getattr(v, "name", ""),
)
def test_deliberately_broken_documents_fail_on_the_expected_rules(path, rules):
    profile = "pint-ae" if path.parent.name.endswith("pint-ae") else "peppol"
    report = validate(path.read_bytes(), profile)
    assert not report.valid
    assert set(rules) <= set(report.rule_ids), report.rule_ids
    first = report.errors[0]
    assert first.flag == "fatal" and first.message and first.rule


def test_a_bis_document_judged_as_pint_ae_fails_the_uae_rules():
    xml = next(p for p in OFFICIAL_VALID if p.name == "base-example.xml").read_bytes()
    report = validate(xml, "pint-ae")
    assert not report.valid and report.profile == "pint-ae"


def test_warnings_are_reported_apart_from_errors():
    reports = [validate(p.read_bytes()) for p in OFFICIAL_VALID]
    assert any(r.warnings for r in reports)
    assert all(f.flag == "warning" for r in reports for f in r.warnings)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol2;</Invoice>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&xxe;</Invoice>"""
PARAMETER_XXE = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>"""


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (b"", "empty"),
        (b"not xml at all", "not well-formed"),
        (b"<Invoice><unclosed></Invoice>", "not well-formed"),
        (b"<Order xmlns='urn:oasis:names:specification:ubl:schema:xsd:Order-2'/>", "not a UBL"),
        (b"<Invoice/>", "not a UBL"),
        (BILLION_LAUGHS, "DOCTYPE"),
        (XXE, "DOCTYPE"),
        (PARAMETER_XXE, "DOCTYPE"),
    ],
)
def test_what_is_not_ubl_is_refused_with_a_clear_reason(xml, message):
    for call in (validate, detect_profile):
        with pytest.raises(NotUBLError, match=message):
            call(xml)


def test_a_customization_id_naming_no_profile_asks_for_one():
    plain_cen = next(p for p in EXAMPLES if expected_profile(p) is None and "guide" in p.name)
    xml = plain_cen.read_bytes().replace(b"urn:cen.eu:en16931:2017", b"urn:example:own-format")
    with pytest.raises(NotUBLError, match="names no profile"):
        validate(xml)
    assert validate(xml, "peppol").profile == "peppol"


def test_an_unknown_profile_is_refused():
    with pytest.raises(ValueError, match="unknown profile 'xrechnung'"):
        validate(OFFICIAL_VALID[0].read_bytes(), "xrechnung")


def test_threads_validating_at_once_get_the_same_verdicts_as_one_thread():
    documents = [(p.read_bytes(), None) for p in OFFICIAL_VALID]
    documents += [(p.read_bytes(), "peppol") for p, _ in broken("broken")]
    expected = [validate(xml, profile).rule_ids for xml, profile in documents]
    results: dict[int, list] = {}

    def work(worker: int) -> None:
        results[worker] = [validate(xml, profile).rule_ids for xml, profile in documents]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [results[n] for n in range(4)] == [expected] * 4


CEN_EXAMPLES = [p for p in EXAMPLES if p.parent.name.startswith("en16931")]


@pytest.mark.parametrize("path", CEN_EXAMPLES, ids=lambda p: p.name)
def test_every_cen_example_passes_the_en16931_profile_alone(path):
    report = validate(path.read_bytes(), "en16931")
    assert report.valid, report.errors
    assert report.profile == "en16931"
    assert not [f for f in report.errors + report.warnings if f.rule.startswith("PEPPOL-")]


def test_a_plain_en16931_customization_id_is_judged_by_en16931():
    plain = next(p for p in CEN_EXAMPLES if p.name == "ubl-tc434-example1.xml").read_bytes()
    assert detect_profile(plain) == "en16931" and validate(plain).valid


def test_the_en16931_profile_still_catches_what_the_norm_forbids():
    path, rules = next((p, r) for p, r in broken("broken") if p.name == "totals-payable-wrong.xml")
    report = validate(path.read_bytes(), "en16931")
    assert not report.valid and set(rules) <= set(report.rule_ids)
