"""Totals computed by hand, the way an accountant would check them."""

from decimal import Decimal as D

import pytest

from plugins.einvoice.documents import Allowance, Line
from plugins.einvoice.totals import compute_totals


def line(n, qty, price, cat="S", rate="5", **kw):
    return Line(
        id=str(n),
        description=f"item {n}",
        quantity=D(qty),
        unit_code="C62",
        unit_price=D(price),
        tax_category=cat,
        tax_rate=D(rate),
        **kw,
    )


def test_half_cent_line_rounds_up_not_to_even():
    # 3 x 0.335 = 1.005: half-up gives 1.01 where banker's rounding would give 1.00.
    t = compute_totals([line(1, "3", "0.335")])
    assert t.line_nets == (D("1.01"),)
    assert t.tax_total == D("0.05")  # 1.01 x 5 % = 0.0505
    assert t.payable == D("1.06")


def test_vat_is_rounded_once_per_category_not_per_line():
    # Each line's own VAT would be 0.005 -> 0.01 (0.03 in all); EN 16931 rounds the group:
    # 0.30 x 5 % = 0.015 -> 0.02.
    t = compute_totals([line(i, "1", "0.10") for i in range(3)])
    assert t.line_taxes == (D("0.01"),) * 3
    assert [(g.category, g.taxable, g.tax) for g in t.groups] == [("S", D("0.30"), D("0.02"))]
    assert t.tax_total == D("0.02")
    assert t.total == D("0.32")


def test_several_rates_zero_rated_and_exempt():
    t = compute_totals(
        [
            line(1, "1", "100"),
            line(2, "3", "11.11"),  # 33.33
            line(3, "10", "9.99", rate="25"),  # 99.90 -> VAT 24.975 -> 24.98
            line(4, "2", "25", cat="Z", rate="0"),
            line(5, "1", "20", cat="E", rate="0", exemption_reason="Financial services"),
        ]
    )
    rows = [(g.category, g.rate, g.taxable, g.tax) for g in t.groups]
    assert rows == [
        ("E", D("0"), D("20.00"), D("0.00")),
        ("S", D("5"), D("133.33"), D("6.67")),  # 6.6665 -> 6.67
        ("S", D("25"), D("99.90"), D("24.98")),
        ("Z", D("0"), D("50.00"), D("0.00")),
    ]
    assert t.groups[0].exemption_reason == "Financial services"
    assert t.line_total == D("303.23")
    assert t.tax_exclusive == D("303.23")
    assert t.tax_total == D("31.65")
    assert t.tax_inclusive == D("334.88")
    assert t.payable == D("334.88")


def test_rate_written_5_or_5_00_is_one_group():
    t = compute_totals([line(1, "1", "10", rate="5"), line(2, "1", "10", rate="5.00")])
    assert len(t.groups) == 1
    assert t.groups[0].taxable == D("20.00")


def test_line_allowance_is_subtracted_after_rounding_the_gross():
    # 7 x 1.435 = 10.045 -> 10.05, less the 0.50 allowance
    t = compute_totals([line(1, "7", "1.435", allowance=D("0.50"), allowance_reason="Promo")])
    assert t.line_nets == (D("9.55"),)
    assert t.tax_total == D("0.48")  # 0.4775


def test_document_allowance_reduces_its_category():
    t = compute_totals(
        [line(1, "2", "100"), line(2, "1", "40", cat="Z", rate="0")],
        allowances=[Allowance(amount=D("10"), reason="Loyalty", tax_category="S", tax_rate=D("5"))],
    )
    s = next(g for g in t.groups if g.category == "S")
    assert s.taxable == D("190.00")
    assert s.tax == D("9.50")
    assert t.line_total == D("240.00")
    assert t.allowance_total == D("10.00")
    assert t.tax_exclusive == D("230.00")
    assert t.tax_inclusive == D("239.50")


def test_reverse_charge_and_out_of_scope_carry_no_vat():
    t = compute_totals(
        [
            line(1, "1", "1000", cat="AE", rate="5", exemption_reason="Reverse charge"),
            line(2, "1", "10", cat="O", rate="0", exemption_reason="Outside scope"),
        ]
    )
    assert t.tax_total == D("0.00")
    assert t.payable == D("1010.00")


def test_two_hundred_lines_sum_the_rounded_nets():
    t = compute_totals([line(i, "1", "1.115") for i in range(200)])  # each 1.12
    assert t.line_total == D("224.00")
    assert t.tax_total == D("11.20")
    assert t.payable == D("235.20")


def test_prepaid_amount_reduces_amount_due():
    t = compute_totals([line(1, "1", "100")], prepaid="50")
    assert t.total == D("105.00")
    assert t.payable == D("55.00")


def test_foreign_currency_vat_in_aed_rounded_once():
    t = compute_totals([line(1, "1", "100")], currency="USD", exchange_rate=D("3.6725"))
    assert t.tax_total == D("5.00")
    assert t.tax_total_accounting == D("18.36")  # 18.3625
    assert t.tax_inclusive_accounting == D("385.61")  # 105 x 3.6725 = 385.6125


def test_zero_decimal_currency_rounds_to_whole_yen():
    t = compute_totals([line(1, "3", "333.5", rate="10")], currency="JPY")
    assert t.line_nets == (D("1001"),)  # 1000.5 -> 1001
    assert t.tax_total == D("100")  # 100.1


def test_float_money_is_refused_with_a_clear_message():
    with pytest.raises(TypeError, match="unit_price must be a Decimal, int or str, not float"):
        Line(
            id="1",
            description="x",
            quantity=D(1),
            unit_code="C62",
            unit_price=0.1,
            tax_category="S",
            tax_rate=D(5),
        )


def test_unknown_category_and_currency_are_refused():
    with pytest.raises(ValueError, match="unknown VAT category 'X'"):
        line(1, "1", "1", cat="X")
    with pytest.raises(ValueError, match="unknown currency code 'ABC'"):
        compute_totals([line(1, "1", "1")], currency="ABC")
