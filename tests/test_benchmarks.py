"""The benchmark convention and runner (benchmarks/common.py, report.py), and one benchmark run
end to end at a tiny scale on the test database, so a change that breaks `make bench` shows
here. Nothing is timed: the figures' values are the benchmark's business, not the test's."""

from __future__ import annotations

from benchmarks import (
    api_lists_bench,
    finalize_queue,
    invoicing_bench,
    list_pages_bench,
    lists_bench,
    payments_export_bench,
    report,
    tenants_bench,
)
from benchmarks.common import Figure


def test_a_time_meets_its_target_at_or_below_it_and_a_rate_at_or_above_it():
    assert Figure("finalize", 3.0, 1.0, "ms", target=2).met is False
    assert Figure("finalize", 2.0, 1.0, "ms", target=2).met is True
    assert Figure("export", 40.0, 100.0, "rows/s", target=0.5).met is False
    assert Figure("export", 60.0, 100.0, "rows/s", target=0.5).met is True
    assert Figure("list", 9.0, 1.0, "ms").met is None


def test_the_table_has_one_line_per_figure_with_each_database_side_by_side():
    rows = [
        report.Row("invoicing", "sqlite", Figure("finalize", 3.0, 1.5, "ms", target=2)),
        report.Row("invoicing", "postgresql", Figure("finalize", 9.0, 2.0, "ms", target=2)),
        report.Row("wallet", "postgresql", None, "wallet_bench.py exited with 1"),
    ]
    text = report.render(rows, {"sqlite": "3.40", "postgresql": "15.1"}, 1000, 60)
    lines = [line for line in text.splitlines() if line.startswith("| invoicing")]
    assert lines == ["| invoicing | finalize | ms | ≤ 2× | 3.00 / 1.50 | 2.00× ✓ | 9.00 / 2.00 "
                     "| 4.50× ✗ |  |"]  # fmt: skip
    assert "SQLite 3.40; PostgreSQL 15.1" in text
    assert "- wallet on PostgreSQL failed: wallet_bench.py exited with 1" in text


def test_writing_replaces_the_readme_table_and_leaves_the_rest(tmp_path):
    readme, results = tmp_path / "README.md", tmp_path / "RESULTS.md"
    readme.write_text(
        "# Title\n\n## Performance\n\n<!-- bench:start -->\nold\n<!-- bench:end -->\n\nEnd\n"
    )
    report.write("| new table |\n", results, readme)
    report.write("| newer table |\n", results, readme)
    text = readme.read_text()
    assert text == (
        "# Title\n\n## Performance\n\n<!-- bench:start -->\n| newer table |\n"
        "<!-- bench:end -->\n\nEnd\n"
    )
    assert results.read_text() == "# Benchmark results\n\n| newer table |\n"
    # The profiles written under the table by hand stay when it is rewritten.
    notes = f"{report.NOTES}\n\n## Where finalize waits\n\ntext\n"
    results.write_text(results.read_text() + "\n" + notes)
    report.write("| newest table |\n", results, readme)
    assert results.read_text() == "# Benchmark results\n\n| newest table |\n\n" + notes


def test_the_invoicing_benchmark_runs_on_the_test_database(db_url):
    figures = invoicing_bench.run(db_url, scale=30, finalize=2, runs=1)
    names = [f.name for f in figures]
    assert names[0].startswith("finalize") and any(n.startswith("GET ") for n in names)
    assert all(f.measured > 0 and f.baseline > 0 for f in figures)


def test_finalize_holds_the_chain_lock_for_four_statements(db_url):
    """finalize_queue.py runs (two threads at once), and what a finalize sends while holding
    its company's chain lock is the lock, the number, the sealing UPDATE and the chain head:
    everything else is read and written before it (finalize_prepare)."""
    samples = finalize_queue.measure(db_url, [2], 2)[2]
    assert len(samples) == 4
    assert [s["statements"] for s in samples] == [4, 4, 4, 4]
    assert all(s["hold"] > 0 and s["wait"] > 0 for s in samples)


def test_the_list_benchmark_runs_on_the_test_database(db_url):
    figures = lists_bench.run(db_url, scale=40, runs=1)
    assert [f.name for f in figures][:2] == [
        "GET list, first page",
        "GET list, a page deep by cursor",
    ]
    assert all(f.measured > 0 and f.baseline > 0 for f in figures)


def test_the_api_list_benchmark_runs_on_the_test_database(db_url):
    # It checks first that each baseline answers exactly the items the endpoint answers.
    figures = api_lists_bench.run(db_url, scale=100, runs=1)
    assert [f.name for f in figures][:3] == [
        "GET /api/v1/invoices",
        "GET /api/v1/invoices?sort=-total",
        "GET /api/v1/customers",
    ]
    assert all(f.measured > 0 and f.baseline > 0 and f.target == 2 for f in figures)


def test_the_list_pages_benchmark_runs_on_the_test_database(db_url):
    # It checks first that each baseline renders exactly the rows the page shows.
    figures = list_pages_bench.run(db_url, scale=100, runs=1)
    assert {f.name for f in figures} >= {"GET /ap/bills", "GET /peppol/", "GET /wallet/requests"}
    assert all(f.measured > 0 and f.baseline > 0 and f.target == 2 for f in figures)


def test_the_several_companies_benchmark_runs_on_the_test_database(db_url):
    # It checks first that each baseline renders exactly the rows the older company's page shows.
    figures = tenants_bench.run(db_url, scale=100, runs=1)
    assert [f.name for f in figures] == [
        "GET /invoicing/invoices?sort=-id (older company), first page",
        "GET /invoicing/invoices?sort=-id (older company), a page deep by cursor",
        "GET /ap/bills (older company), first page",
    ]
    assert all(f.measured > 0 and f.baseline > 0 and f.target == 2 for f in figures)


def test_the_payments_export_benchmark_runs_on_the_test_database(db_url):
    figures = payments_export_bench.run(db_url, scale=40)
    assert figures[0].name == "export, rows/s" and figures[0].target == 0.5
    assert all(f.measured > 0 and f.baseline > 0 for f in figures)


def test_a_partial_run_replaces_only_its_own_rows_in_the_saved_figures(tmp_path):
    saved = tmp_path / "results.json"
    old = [
        report.Row("ap", "sqlite", Figure("import", 5.0, 10.0, "docs/s")),
        report.Row("invoicing", "sqlite", Figure("finalize", 3.0, 1.0, "ms", target=2)),
    ]
    report.save(old, {"sqlite": "3.40"}, saved)
    new = [report.Row("invoicing", "sqlite", Figure("finalize", 1.5, 1.0, "ms", target=2))]
    rows, versions = report.merged(new, {"sqlite": "3.41"}, saved)
    assert [(r.benchmark, r.figure.measured) for r in rows] == [("ap", 5.0), ("invoicing", 1.5)]
    assert versions == {"sqlite": "3.41"}
