"""ibr-147-ae computes quantity x price in binary floating point. Where that disagrees with
the exact half-up line net, the writer refuses before sealing with an explanation; this proves,
over many lines landing on exactly half a cent, that its verdict is the official rule's verdict
line for line (no document refused that the rule accepts, none sealed that it refuses)."""

import re
from decimal import Decimal

import pytest

from plugins.einvoice.public import preflight, validate
from plugins.einvoice.tests.shapes import invoice, line
from plugins.einvoice.ubl.pint_ae import PintAeWriter

PRICES = ["4.095", "0.335", "1.435", "2.675", "1.005", "8.345", "0.115", "10.255", "3.015", "7.285"]


def _half_cent_lines(prices):
    found, n = [], 0
    for price in prices:
        for quantity in range(1, 41):
            if (Decimal(quantity) * Decimal(price) * 100) % 1 == Decimal("0.5"):
                n += 1
                found.append(line(n, str(quantity), price))
    return found


def _flagged_by_writer(document) -> set[str]:
    problems = PintAeWriter(document).problems()
    return {re.match(r"line (\d+):", p).group(1) for p in problems if "ibr-147-ae" in p}


def _flagged_by_official_rule(document) -> set[str]:
    report = validate(PintAeWriter(document).build(check=False), "pint-ae")
    return {
        re.search(r"InvoiceLine\[(\d+)\]", f.location).group(1)
        for f in report.errors
        if f.rule == "ibr-147-ae"
    }


@pytest.mark.parametrize("prices", [PRICES[:5], PRICES[5:]], ids=["first", "second"])
def test_the_writer_refuses_exactly_the_lines_the_official_rule_refuses(prices):
    document = invoice(_half_cent_lines(prices))
    assert len(document.lines) > 80
    official = _flagged_by_official_rule(document)
    assert official, "the sample must contain lines the UAE rule rounds the other way"
    assert official != {ln.id for ln in document.lines}, "and lines it accepts"
    assert _flagged_by_writer(document) == official


def test_17_times_4_095_is_refused_before_sealing_and_4_09_is_not():
    refused = preflight(invoice([line(1, "17", "4.095")]), ["pint-ae"])
    assert [(b.rule, b.field) for b in refused] == [("ibr-147-ae", "lines[1].unit_price")]
    assert "binary floating point" in refused[0].hint
    assert preflight(invoice([line(1, "17", "4.09")]), ["pint-ae"]) == []
