"""core.listing's CSV download: every value written as the file's reader expects, and no cell
that a spreadsheet would run as a formula, whichever way a batch is written (as it is, or
cell by cell when a value needs a look)."""

import csv
import datetime as dt
import io
from decimal import Decimal

from core.listing import csv_response


def _download(app, batches) -> list[list[str]]:
    with app.test_request_context("/"):
        resp = csv_response("x.csv", ["A", "B", "C", "D", "E", "F"], iter(batches))
        body = "".join(resp.response)
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_values_are_written_as_text_a_reader_expects(app):
    plain = [("INV-1", Decimal("105.00"), dt.date(2026, 1, 2), None, 3, True)]
    rows = _download(app, [plain, [("x", None, None, dt.datetime(2026, 1, 2, 3, 4, 5), 0, "")]])
    assert rows[0] == ["A", "B", "C", "D", "E", "F"]
    assert rows[1] == ["INV-1", "105.00", "2026-01-02", "", "3", "True"]
    assert rows[2] == ["x", "", "", "2026-01-02T03:04:05", "0", ""]


def test_a_cell_starting_like_a_formula_is_text(app):
    batches = [
        [("ok", "fine", "a\n=b", "x", "y", "z")],  # a formula sign after a line break: no cell
        [("=HYPERLINK(1)", "+x", "@x", "\tx", "\rx", "-x")],
        [("plain", None, "text", "more", "-5", Decimal("-5.00"))],  # negative numbers stay
        [("Gulf", "=1+2", None, "x", "y", "z"), ("Rose", "b", None, "x", "y", "z")],
    ]
    rows = _download(app, batches)
    assert rows[1] == ["ok", "fine", "a\n=b", "x", "y", "z"]
    assert rows[2] == ["'=HYPERLINK(1)", "'+x", "'@x", "'\tx", "'\rx", "'-x"]
    assert rows[3] == ["plain", "", "text", "more", "-5", "-5.00"]
    assert rows[4] == ["Gulf", "'=1+2", "", "x", "y", "z"]
    assert rows[5] == ["Rose", "b", "", "x", "y", "z"]
