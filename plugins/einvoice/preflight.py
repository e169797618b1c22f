"""Would this document pass? Build it in each profile and run the official rules on the XML.

Invoicing calls this before a number is taken, and on the draft page while editing. A writer's
own objections (``Profile.writer(...).problems()``) block too, because a document sealed
despite them could not be exported afterwards; the official findings are reported first, as
they name the official rule ids.
"""

from __future__ import annotations

from plugins.einvoice.explain import Blocker, explain
from plugins.einvoice.profiles import PROFILES
from plugins.einvoice.ubl import BUILTIN_PROFILES, ProfileError
from plugins.einvoice.validator import validate

WRITER_RULE = "LEDGERLINE-WRITER"


def preflight(document, profiles, available: dict | None = None) -> list[Blocker]:
    """Every reason ``document`` cannot be issued in ``profiles``; [] when it can."""
    available = available or BUILTIN_PROFILES
    found: list[Blocker] = []
    for name in profiles:
        found += _one(document, name, available[name])
    return list(dict.fromkeys(found))


def _one(document, name: str, profile) -> list[Blocker]:
    problems, xml = _draft_xml(document, profile)
    if xml is None:
        return [_writer_blocker(name, p) for p in problems]
    official = []
    if name in PROFILES:
        official = [explain(name, finding) for finding in validate(xml, name).errors]
    return official or [_writer_blocker(name, p) for p in problems]


def _draft_xml(document, profile) -> tuple[list[str], bytes | None]:
    """(the writer's objections, the XML written regardless or None if it cannot be)."""
    if profile.writer is None:
        try:
            return [], profile.build(document)
        except ProfileError as exc:
            return [str(exc)], None
    problems = profile.writer(document).problems()
    try:
        return problems, profile.writer(document).build(check=False)
    except Exception:  # missing data the writer cannot even write: its objections say why
        if not problems:
            raise
        return problems, None


def _writer_blocker(profile: str, problem: str) -> Blocker:
    return Blocker(profile, WRITER_RULE, "document", problem, problem)
