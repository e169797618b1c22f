"""No function of the application is above radon's grade C (cyclomatic complexity over 20).

Migrations (generated, run once) and tests are left out; everything else that ships is
checked: core, the plugins, benchmarks, scripts. A function that fails here is split, usually
into a table of small readers (see ``core.apiv1.conventions._messages``).
"""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_rank, cc_visit

ROOT = Path(__file__).resolve().parents[2]
CHECKED = ("core", "plugins", "benchmarks", "scripts", "wsgi.py")
WORST_GRADE = "C"


def shipped_python() -> list[Path]:
    files = []
    for name in CHECKED:
        path = ROOT / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return [f for f in files if not {"migrations", "tests"} & set(f.relative_to(ROOT).parts)]


def blocks(path: Path):
    for block in cc_visit(path.read_text(encoding="utf-8")):
        yield block
        yield from getattr(block, "closures", ())  # nested functions are blocks of their own


def test_no_function_is_above_grade_c():
    files = shipped_python()
    assert len(files) > 300  # the walk found the code (not an empty or moved tree)
    too_complex = [
        f"{path.relative_to(ROOT)}:{block.lineno} {block.fullname} "
        f"{cc_rank(block.complexity)} ({block.complexity})"
        for path in files
        for block in blocks(path)
        if cc_rank(block.complexity) > WORST_GRADE
    ]
    assert not too_complex, "split these functions:\n" + "\n".join(too_complex)
