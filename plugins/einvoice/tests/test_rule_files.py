"""The vendored official rule files are exactly the pinned ones, with their provenance."""

import shutil

import pytest

from plugins.einvoice import rulefiles, schematron, xsd
from plugins.einvoice.public import PROFILES, validate


def test_every_rule_file_matches_its_pinned_sha256():
    for relative, entry in rulefiles.manifest()["files"].items():
        assert rulefiles.sha256(rulefiles.RULES_DIR / relative) == entry["sha256"], relative


def test_every_file_in_the_rules_folder_is_pinned():
    on_disk = {
        str(path.relative_to(rulefiles.RULES_DIR))
        for path in rulefiles.RULES_DIR.rglob("*")
        if path.is_file() and path != rulefiles.MANIFEST_PATH
    }
    assert on_disk == set(rulefiles.manifest()["files"])


def test_every_rule_file_names_its_source_repository_version_and_licence():
    for relative, entry in rulefiles.manifest()["files"].items():
        assert entry["repository"].startswith("https://"), relative
        assert entry["tag"] and entry["licence"], relative


def test_each_profile_names_the_layers_it_runs():
    for profile in PROFILES:
        assert rulefiles.manifest()["profiles"][profile][0] == rulefiles.XSD_LAYER
        assert rulefiles.stylesheets(profile)


def test_a_changed_rule_file_is_refused_not_run(tmp_path, monkeypatch):
    copy = tmp_path / "rules"
    shutil.copytree(rulefiles.RULES_DIR, copy)
    target = copy / rulefiles.stylesheets("pint-ae")[-1]
    target.write_bytes(target.read_bytes().replace(b"ibr-132-ae", b"ibr-000-ae"))
    monkeypatch.setattr(rulefiles, "RULES_DIR", copy)
    monkeypatch.setattr(schematron, "_state", {})
    monkeypatch.setattr(xsd, "_schemas", {})
    with pytest.raises(rulefiles.RuleFileChanged, match="does not match its pinned SHA-256"):
        validate(
            b"<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'/>", "pint-ae"
        )
