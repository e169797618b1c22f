"""E-invoice benchmark: official-rule validation per document, and finalize with validation.

    .venv/bin/python benchmarks/einvoice_bench.py                 # temporary SQLite database
    .venv/bin/python benchmarks/einvoice_bench.py --database-url postgresql+psycopg://u:p@h/db

Each figure is a ratio against a baseline measured in the same process:
  (a) validation per document, warm (rules compiled): plugins.einvoice.public.validate() vs the
      shared oracle ../shared/einvoice/validate.py (Oracle.validate, one Oracle per profile) on
      the same documents: the official examples and the documents the writers build;
      plus the same documents validated from 4 threads at once (the compiled rules are shared
      under one lock per stylesheet) vs one thread;
  (b) finalize through the real service (which now builds and validates every required profile
      before numbering) vs its bare primitives (sha256 of the canonical bytes + UBL build +
      RSA-PSS sign, no database, no validation), and vs the same service with the e-invoice
      check switched off, to show what the check itself costs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.invoicing_bench import build_app, draft_body, seed_company  # noqa: E402


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an empty database (default: temporary SQLite)")
    parser.add_argument("--rounds", type=int, default=5, help="passes over the documents")
    parser.add_argument("--finalize", type=int, default=100, help="invoices to finalize")
    return parser.parse_args(argv)


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
    from plugins.invoicing.services import drafts, einvoice_gate, finalize

    ids = [drafts.create(company.id, draft_body(customer.id, n)).id for n in range(2 * count + 1)]
    db.session.commit()
    finalize.finalize(_get(ids[0]))
    db.session.commit()  # warm-up: signing key, compiled rules
    checked = _time_finalize(ids[1 : count + 1])
    original = einvoice_gate.check
    einvoice_gate.check = lambda invoice: None
    try:
        unchecked = _time_finalize(ids[count + 1 :])
    finally:
        einvoice_gate.check = original
    bare = _time_bare(company, ids[1 : count + 1])
    return {"count": count, "checked_s": checked, "unchecked_s": unchecked, "bare_s": bare}


def _time_finalize(ids) -> float:
    from core.api import db
    from plugins.invoicing.services import finalize

    start = time.perf_counter()
    for invoice_id in ids:
        finalize.finalize(_get(invoice_id))
        db.session.commit()
    return time.perf_counter() - start


def _time_bare(company, ids) -> float:
    import hashlib

    from benchmarks.invoicing_bench import _private_key, _sha256
    from plugins.invoicing import chain, mapping, signing, xml
    from plugins.invoicing.services.einvoice_gate import profiles_for

    invoices = [_get(i) for i in ids]
    work = [(chain.canonical(i), mapping.to_document(i), profiles_for(i)[0]) for i in invoices]
    private = _private_key(signing.company_key(company.id))
    start = time.perf_counter()
    for body, document, profile in work:
        invoice_hash = hashlib.sha256(body).hexdigest()
        xml_hash = xml.sha256(xml.render(document, profile))
        private.sign(signing.message(invoice_hash, xml_hash), signing.PSS, _sha256())
    return time.perf_counter() - start


def _get(invoice_id: int):
    from core.api import db
    from plugins.invoicing.models import Invoice

    return db.session.get(Invoice, invoice_id)


def main(argv=None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        app = build_app(args.database_url, workdir)
        with app.app_context():
            val = bench_validation(corpus(workdir), args.rounds)
            print("Ledgerline e-invoice benchmark")
            print(f"(a) validation, {val['documents']} documents, median of {args.rounds} passes:")
            print(f"    rules compiled once per process in {val['cold_s']:.2f} s")
            print(f"    einvoice.validate   {val['ours_ms']:7.2f} ms/document (warm)")
            print(f"    shared oracle       {val['oracle_ms']:7.2f} ms/document (warm)")
            print(f"    ratio plugin / oracle = {val['ours_ms'] / val['oracle_ms']:.2f}x")
            print(f"    4 threads at once   {val['threads_ms']:7.2f} ms/document (wall)")
            print(f"    ratio 4 threads / 1 thread = {val['threads_ms'] / val['ours_ms']:.2f}x")
            company, _user, customer = seed_company()
            fin = bench_finalize(company, customer, args.finalize)
            per = {k: fin[k] / fin["count"] * 1000 for k in ("checked_s", "unchecked_s", "bare_s")}
            print(f"(b) finalize, {fin['count']} invoices of 3 lines:")
            print(f"    service with e-invoice check    {per['checked_s']:7.2f} ms/invoice")
            print(f"    service without the check       {per['unchecked_s']:7.2f} ms/invoice")
            print(f"    bare primitives (hash+UBL+sign) {per['bare_s']:7.2f} ms/invoice")
            print(f"    ratio service / bare = {per['checked_s'] / per['bare_s']:.2f}x")
            print(f"    ratio with / without check = {per['checked_s'] / per['unchecked_s']:.2f}x")


if __name__ == "__main__":
    main()
