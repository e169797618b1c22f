"""flask einvoice validate FILE... --profile"""

import json

from plugins.einvoice.tests.official import EXAMPLES, GREEK


def _run(app, *args):
    return app.test_cli_runner().invoke(args=["einvoice", "validate", *map(str, args)])


def test_passing_files_exit_0_and_say_pass(app):
    pint = [p for p in EXAMPLES if p.parent.name == "pint-ae"]
    result = _run(app, *pint)
    assert result.exit_code == 0, result.output
    assert result.output.count("PASS") == len(pint) and "[pint-ae]" in result.output


def test_a_failing_file_exits_1_naming_the_rules(app):
    result = _run(app, "--profile", "peppol", GREEK[0])
    assert result.exit_code == 1
    assert f"FAIL {GREEK[0]} [peppol] XSD" in result.output
    assert "fatal   XSD: line" in result.output


def test_json_output_is_one_report_per_line(app):
    result = _run(app, "--json", "--profile", "pint-ae", EXAMPLES[0])
    report = json.loads(result.output.splitlines()[0])
    assert report["profile"] == "pint-ae" and report["valid"] is False and report["errors"]


def test_an_unreadable_file_exits_2(app, tmp_path):
    junk = tmp_path / "junk.xml"
    junk.write_text("not xml")
    result = _run(app, junk, tmp_path / "missing.xml")
    assert result.exit_code == 2
    assert "not well-formed" in result.output and "missing.xml" in result.output
