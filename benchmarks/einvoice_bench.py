"""E-invoice benchmark: official-rule validation per document, and what the check adds to finalize.

    .venv/bin/python benchmarks/einvoice_bench.py                 # temporary SQLite database
    .venv/bin/python benchmarks/einvoice_bench.py --database-url postgresql+psycopg://u:p@h/db

Each figure is a ratio against a baseline measured in the same process:
  (a) validation per document, warm (rules compiled): plugins.einvoice.public.validate() vs the
      shared oracle ../shared/einvoice/validate.py (Oracle.validate, one Oracle per profile) on
      the same documents: the official examples and the documents the writers build;
      plus the same documents validated from 4 threads at once (the compiled rules are shared
      under one lock per stylesheet) vs one thread;
  (b) finalize through the real service (which builds and validates every required profile
      before numbering) vs the same service with the e-invoice check switched off: what the
      check itself costs. (Finalize against its bare primitives is in invoicing_bench.)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common  # noqa: E402
from benchmarks.common import Figure  # noqa: E402
from benchmarks.invoicing_bench import get_invoice  # noqa: E402


def add_arguments(parser) -> None:
    parser.add_argument("--rounds", type=int, default=5, help="passes over the documents")
    parser.add_argument("--finalize", type=int, default=100, help="invoices to finalize")


def run(db_url: str | None, scale: int, rounds: int = 5, finalize: int = 100) -> list[Figure]:
    with common.bench_app(db_url) as (_app, workdir):
        val = bench_validation(corpus(workdir), rounds)
        print(f"rules compiled once per process in {val['cold_s']:.2f} s")
        company, _user, customer = common.seed_invoicing(with_user=False)
        fin = bench_finalize(company, customer, finalize)
    docs = f"{val['documents']} documents, median of {rounds} passes"
    per = {k: fin[k] / fin["count"] * 1000 for k in ("checked_s", "unchecked_s")}
    return [
        Figure(
            "validate, per document (warm)",
            val["ours_ms"],
            val["oracle_ms"],
            "ms",
            note=f"{docs}; baseline: the shared official oracle",
        ),
        Figure(
            "validate from 4 threads at once, per document",
            val["threads_ms"],
            val["ours_ms"],
            "ms",
            note="wall time; baseline: one thread",
        ),
        Figure(
            "finalize with the e-invoice check, per invoice",
            per["checked_s"],
            per["unchecked_s"],
            "ms",
            note=f"{fin['count']} invoices; baseline: the same service, check switched off",
        ),
    ]


# ---- (a) validation ---------------------------------------------------------------------------
def corpus(workdir: Path) -> list[tuple[Path, str]]:
    """(file, profile): official examples of both profiles plus every built shape."""
    from plugins.einvoice.public import BUILTIN_PROFILES
    from plugins.einvoice.tests.official import EXAMPLES, expected_profile
    from plugins.einvoice.tests.shapes import CASES, SHAPES

    found = [(p, expected_profile(p)) for p in EXAMPLES if expected_profile(p)]
    for shape, profile in CASES:
        path = workdir / f"{shape}-{profile}.xml"
        path.write_bytes(BUILTIN_PROFILES[profile].build(SHAPES[shape][0]()))
        found.append((path, profile))
    return found


def bench_validation(documents, rounds: int) -> dict:
    from plugins.einvoice.public import validate, warm
    from tests.support.einvoice import oracle

    start = time.perf_counter()
    warm()
    ours_cold = time.perf_counter() - start
    bodies = [(path.read_bytes(), profile) for path, profile in documents]
    for profile in {p for _, p in documents}:  # warm the oracle's compiled rules too
        oracle(profile).validate(next(path for path, p in documents if p == profile))
    ours, theirs = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        verdicts = [validate(body, profile).valid for body, profile in bodies]
        ours.append((time.perf_counter() - start) / len(bodies))
        start = time.perf_counter()
        expected = [oracle(profile).validate(path)["valid"] for path, profile in documents]
        theirs.append((time.perf_counter() - start) / len(bodies))
        assert verdicts == expected, "the plugin and the oracle disagree on a verdict"
    return {
        "documents": len(bodies),
        "threads_ms": _threaded_ms(bodies, 4),
        "cold_s": ours_cold,
        "ours_ms": statistics.median(ours) * 1000,
        "oracle_ms": statistics.median(theirs) * 1000,
    }


def _threaded_ms(bodies, threads: int) -> float:
    """Wall time per document when ``threads`` threads validate the corpus together."""
    from concurrent.futures import ThreadPoolExecutor

    from plugins.einvoice.public import validate

    work = bodies * threads
    with ThreadPoolExecutor(threads) as pool:
        start = time.perf_counter()
        list(pool.map(lambda item: validate(*item).valid, work))
        return (time.perf_counter() - start) / len(work) * 1000


# ---- (b) finalize -------------------------------------------------------------------------------
def bench_finalize(company, customer, count: int) -> dict:
    from core.api import db
    from plugins.invoicing import einvoice_xml
    from plugins.invoicing.services import einvoice_gate, finalize

    ids = common.create_drafts(company.id, customer.id, 2 * count + 1)
    finalize.finalize(get_invoice(ids[0]))
    db.session.commit()  # warm-up: signing key, compiled rules
    checked = _time_finalize(ids[1 : count + 1])
    original = einvoice_gate.sealed_xml
    # without the check: the sealed profile's XML is built, not validated
    einvoice_gate.sealed_xml = lambda invoice, document, totals, profiles: einvoice_xml.render(
        document, profiles[0]
    )
    try:
        unchecked = _time_finalize(ids[count + 1 :])
    finally:
        einvoice_gate.sealed_xml = original
    return {"count": count, "checked_s": checked, "unchecked_s": unchecked}


def _time_finalize(ids) -> float:
    from core.api import db
    from plugins.invoicing.services import finalize

    start = time.perf_counter()
    for invoice_id in ids:
        finalize.finalize(get_invoice(invoice_id))
        db.session.commit()
    return time.perf_counter() - start


if __name__ == "__main__":
    common.main(run, __doc__, add_arguments)
