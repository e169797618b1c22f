"""The runner's databases, machine note and table: RESULTS.md and the README section."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import platform
import re
import sqlite3
from pathlib import Path

from benchmarks.common import Figure, number

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
FIGURES = ROOT / "benchmarks" / "results.json"
README = ROOT / "README.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
# RESULTS.md from this line on is written by hand (profiles explaining the gaps) and kept.
NOTES = "<!-- notes: kept when the table is rewritten -->"
LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclasses.dataclass
class Row:
    benchmark: str
    database: str
    figure: Figure | None
    error: str | None = None


@contextlib.contextmanager
def database(kind: str):
    """Yield (name -> database URL or None, server version) for ``kind``. PostgreSQL: a
    temporary cluster (scripts.servers, fsync off as in the tests) with one fresh
    database per benchmark, stopped afterwards."""
    if kind == "sqlite":
        yield (lambda name: None), sqlite3.sqlite_version
        return
    from scripts.servers import Postgres

    server = Postgres().start()
    try:
        version = _pg_version(server)

        def make_url(name: str) -> str:
            server.admin(f"CREATE DATABASE bench_{name}")
            return server.url(f"bench_{name}")

        yield make_url, version
    finally:
        server.stop()


def _pg_version(server) -> str:
    import psycopg

    with psycopg.connect(server.url("postgres").replace("+psycopg", "")) as conn:
        return conn.execute("SHOW server_version").fetchone()[0].split()[0]


def machine(versions: dict) -> str:
    cpu = _cpu_model()
    ram = _ram_gib()
    parts = [
        f"{cpu}, {os.cpu_count()} cores, {ram:.1f} GiB RAM",
        f"Python {platform.python_version()}",
    ]
    parts += [f"{LABELS[k]} {v}" for k, v in versions.items()]
    return "; ".join(parts)


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _load() -> str:
    with contextlib.suppress(OSError):
        return " / ".join(f"{v:.1f}" for v in os.getloadavg())
    return "unknown"


def _ram_gib() -> float:
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    return 0.0


def render(rows: list[Row], versions: dict, scale: int, seconds: float, partial: str = "") -> str:
    """One Markdown table: a line per figure, each database's measured/baseline and ratio.
    ``partial`` names what a partial run re-measured (the other rows are the last table's)."""
    databases = list(versions)
    head = ["benchmark", "figure", "unit", "target"]
    for kind in databases:
        head += [f"{LABELS[kind]} measured / baseline", f"{LABELS[kind]} ratio"]
    how = (
        f"a partial run ({partial}; other rows from the last full run)"
        if partial
        else ("`make bench`")
    )
    lines = [
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by {how} "
        f"(scale {scale:,}, {seconds / 60:.0f} min) on {machine(versions)}; "
        f"load average {_load()} at the end (a shared machine: each ratio is timed in one "
        "process, figure and baseline by turns where the benchmark says so).",
        "",
        "| " + " | ".join(head) + " | note |",
        "|" + "---|" * (len(head) + 1),
    ]
    lines += [_line(key, by_db, databases) for key, by_db in _grouped(rows).items()]
    errors = [r for r in rows if r.error]
    lines += [""] + [f"- {r.benchmark} on {LABELS[r.database]} failed: {r.error}" for r in errors]
    lines += [
        "",
        "ratio = measured / baseline, both measured in the same process. For times lower is "
        "better; for rates (…/s) higher is better. ✓ target met, ✗ not met.",
    ]
    return "\n".join(lines).rstrip() + "\n"


def _grouped(rows: list[Row]) -> dict:
    grouped: dict = {}
    for row in rows:
        if row.figure is not None:
            key = (row.benchmark, row.figure.name)
            grouped.setdefault(key, {})[row.database] = row.figure
    return grouped


def _line(key, by_db: dict, databases: list[str]) -> str:
    first = next(iter(by_db.values()))
    cells = [key[0], first.name, first.unit, first.target_text()]
    for kind in databases:
        figure = by_db.get(kind)
        if figure is None:
            cells += ["", ""]
            continue
        mark = {None: "", True: " ✓", False: " ✗"}[figure.met]
        measured = f"{number(figure.measured)} / {number(figure.baseline)}"
        cells += [measured, f"{figure.ratio:.2f}×{mark}"]
    notes = dict.fromkeys(f.note for f in by_db.values() if f.note)
    return "| " + " | ".join(cells + ["; ".join(notes)]) + " |"


def write(table: str, results: Path = RESULTS, readme: Path = README) -> None:
    """The table into RESULTS.md (its notes, from ``NOTES`` on, kept) and the README."""
    results.write_text("# Benchmark results\n\n" + table + _notes(results))
    text = readme.read_text()
    block = f"{START}\n{table}{END}"
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n## Performance\n\n" + block + "\n"
    readme.write_text(text)


def _notes(results: Path) -> str:
    text = results.read_text() if results.exists() else ""
    return "\n" + text[text.index(NOTES) :] if NOTES in text else ""


def save(rows: list[Row], versions: dict, path: Path = FIGURES) -> None:
    """The figures behind the table, so a partial run can be merged in later."""
    data = {
        "versions": versions,
        "rows": [
            {
                "benchmark": r.benchmark,
                "database": r.database,
                "figure": r.figure.as_dict() if r.figure else None,
                "error": r.error,
            }
            for r in rows
        ],
    }
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def merged(rows: list[Row], versions: dict, path: Path = FIGURES) -> tuple[list[Row], dict]:
    """The last saved rows with those of the benchmarks and databases just run replaced."""
    if not path.exists():
        return rows, versions
    data = json.loads(path.read_text())
    ran = {(r.benchmark, r.database) for r in rows}
    kept = [_row(d) for d in data["rows"] if (d["benchmark"], d["database"]) not in ran]
    rows = sorted(kept + rows, key=lambda r: r.benchmark)
    return rows, {**data["versions"], **versions}


def _row(data: dict) -> Row:
    figure = Figure.from_dict(data["figure"]) if data["figure"] else None
    return Row(data["benchmark"], data["database"], figure, data["error"])
