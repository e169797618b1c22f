"""Run every benchmark on SQLite and PostgreSQL and print one table of all ratios.

    make bench                                         # everything, both databases, 100k rows
    .venv/bin/python benchmarks/run.py --only invoicing,einvoice --databases sqlite
    .venv/bin/python benchmarks/run.py --scale 1000000

Each benchmark (``benchmarks/*_bench.py``) runs in its own process, once per database: on a
temporary SQLite file, and on a fresh database of a temporary PostgreSQL cluster that this
runner starts (and stops) the way the tests do. The table, with the machine noted, is printed
and, when every benchmark ran on both databases, written to benchmarks/RESULTS.md (figures in
benchmarks/results.json) and into the README's "Performance" section; ``--write`` merges a
partial run's rows into the last table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common, report  # noqa: E402
from benchmarks.common import Figure  # noqa: E402

HERE = Path(__file__).resolve().parent
DATABASES = ("sqlite", "postgresql")


def available() -> dict[str, Path]:
    """name -> script, in a stable order (``invoicing_bench.py`` is ``invoicing``)."""
    return {p.stem.removesuffix("_bench"): p for p in sorted(HERE.glob("*_bench.py"))}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    names = ", ".join(available())
    parser.add_argument("--only", help=f"comma-separated benchmarks (default all: {names})")
    parser.add_argument("--databases", default=",".join(DATABASES), help="sqlite,postgresql")
    parser.add_argument("--scale", type=int, default=common.DEFAULT_SCALE, help="100k; 1M ok")
    parser.add_argument(
        "--write",
        action="store_true",
        help="partial run: replace these benchmarks' rows in RESULTS.md and the README, "
        "keeping the others from the last run (benchmarks/results.json)",
    )
    args = parser.parse_args(argv)
    args.only = _pick(args.only, available(), "benchmark")
    args.databases = _pick(args.databases, DATABASES, "database")
    return args


def _pick(text: str | None, known, what: str) -> list[str]:
    if not text:
        return list(known)
    chosen = [t.strip() for t in text.split(",") if t.strip()]
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise SystemExit(f"unknown {what}(s): {', '.join(unknown)}; known: {', '.join(known)}")
    return chosen


def run_one(script: Path, db_url: str | None, scale: int) -> tuple[list[Figure], str | None]:
    """Run one benchmark script in its own process; (figures, error or None)."""
    with tempfile.TemporaryDirectory(prefix="ll-bench-run-") as tmp:
        out = Path(tmp) / "figures.json"
        cmd = [sys.executable, str(script), "--scale", str(scale), "--json", str(out)]
        if db_url:
            cmd += ["--database-url", db_url]
        done = subprocess.run(cmd, cwd=HERE.parent, check=False)
        if done.returncode != 0 or not out.exists():
            return [], f"{script.name} exited with {done.returncode}"
        return [Figure.from_dict(d) for d in json.loads(out.read_text())], None


def run_all(args) -> tuple[list[report.Row], dict]:
    scripts = available()
    rows: list[report.Row] = []
    versions = {}
    for database in args.databases:
        with report.database(database) as (make_url, version):
            versions[database] = version
            for name in args.only:
                print(f"\n=== {name} on {database} (scale {args.scale:,}) ===", flush=True)
                started = time.perf_counter()
                figures, error = run_one(scripts[name], make_url(name), args.scale)
                took = time.perf_counter() - started
                rows += [report.Row(name, database, f) for f in figures]
                if error:
                    rows.append(report.Row(name, database, None, error))
                print(f"=== {name} on {database}: {took:.0f} s", flush=True)
    return rows, versions


def main(argv=None) -> None:
    args = parse_args(argv)
    started = time.perf_counter()
    rows, versions = run_all(args)
    text = report.render(rows, versions, args.scale, time.perf_counter() - started)
    print("\n" + text)
    complete = args.only == list(available()) and args.databases == list(DATABASES)
    if complete:
        report.save(rows, versions)
        report.write(text)
        print(f"written to {report.RESULTS} and the README's Performance section")
    elif args.write:
        rows, versions = report.merged(rows, versions)
        report.save(rows, versions)
        partial = f"{', '.join(args.only)} on {', '.join(args.databases)}"
        took = time.perf_counter() - started
        report.write(report.render(rows, versions, args.scale, took, partial))
        print(f"merged into {report.RESULTS} and the README's Performance section")
    else:
        print("(partial run: RESULTS.md and README left as they were; --write to merge in)")
    if any(r.error for r in rows):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
