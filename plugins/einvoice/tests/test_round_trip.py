"""Every document the project builds reads back with the same totals, parties and lines."""

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings

from plugins.einvoice.codes import amount_places
from plugins.einvoice.public import BUILTIN_PROFILES, ProfileError, compute_totals, read
from plugins.einvoice.tests.drafts import EXAMPLES, documents
from plugins.einvoice.tests.shapes import CASES, SHAPES
from plugins.einvoice.totals import money


def _assert_same(document, profile):
    xml = BUILTIN_PROFILES[profile].build(document)
    back, totals = read(xml), compute_totals(document)
    assert back.profile == profile
    assert (back.kind, back.number, back.issue_date, back.due_date, back.currency) == (
        document.type,
        document.number,
        document.issue_date,
        document.due_date,
        document.currency,
    )
    assert (back.buyer_reference, back.order_reference) == (
        document.buyer_reference,
        document.order_reference,
    )
    for name in ("line_total", "allowance_total", "tax_exclusive", "tax_total", "prepaid"):
        assert getattr(back, name) == getattr(totals, name), name
    assert (back.tax_inclusive, back.payable) == (totals.tax_inclusive, totals.payable)
    assert back.tax_total_tax_currency == totals.tax_total_accounting
    assert [(s.category, s.taxable_amount, s.tax_amount) for s in back.tax_subtotals] == [
        (g.category, g.taxable, g.tax) for g in totals.groups
    ]
    places = amount_places(document.currency)  # amounts are written to the currency's places
    assert [a.amount for a in back.allowance_charges] == [
        money(a.amount, places) for a in document.allowances
    ]
    _assert_parties(back, document, profile)
    _assert_lines(back, document, totals)
    return back


def _assert_parties(back, document, profile):
    for read_party, party in ((back.seller, document.seller), (back.buyer, document.buyer)):
        assert read_party.name == party.name
        assert f"{read_party.endpoint_scheme}:{read_party.endpoint_id}" == party.endpoint
        assert read_party.country == party.country and read_party.city == party.city
        assert read_party.street == (party.address_lines[0] if party.address_lines else None)
        assert read_party.postal_code == party.postal_code
        assert read_party.legal_id == party.legal_id
        assert read_party.email == party.email
    if profile == "pint-ae":
        assert back.seller.vat_id == document.seller.trn  # a bare TRN under PINT-AE
    elif not any(ln.tax_category == "O" for ln in document.lines):
        assert back.seller.vat_id == f"AE{document.seller.trn}"


def _assert_lines(back, document, totals):
    assert [ln.line_id for ln in back.lines] == [ln.id for ln in document.lines]
    for read_line, line, net in zip(back.lines, document.lines, totals.line_nets, strict=True):
        assert (read_line.quantity, read_line.unit_price, read_line.net_amount) == (
            line.quantity,
            line.unit_price,
            net,
        )
        assert read_line.unit_code == line.unit_code
        assert (read_line.tax_category, read_line.tax_rate) == (line.tax_category, line.tax_rate)
        assert read_line.allowance_total == money(line.allowance, amount_places(document.currency))
        assert read_line.description == line.description and read_line.name == line.name


@pytest.mark.parametrize(("shape", "profile"), CASES, ids=[f"{s}-{p}" for s, p in CASES])
def test_every_built_shape_reads_back_unchanged(shape, profile):
    _assert_same(SHAPES[shape][0](), profile)


@pytest.mark.parametrize("profile", list(BUILTIN_PROFILES))
@settings(
    max_examples=max(EXAMPLES // 2, 50),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(document=documents())
def test_random_documents_read_back_unchanged(profile, document):
    with contextlib.suppress(ProfileError):  # refused by the writer: nothing to read back
        _assert_same(document, profile)
