"""Would this document pass? Build it in each profile and run the official rules on the XML.

Invoicing calls this before a number is taken, and on the draft page while editing. A writer's
own objections (``Profile.writer(...).problems()``) block too, because a document sealed
despite them could not be exported afterwards; the official findings are reported first, as
they name the official rule ids.
"""

from __future__ import annotations

from core.api import off_loop
from plugins.einvoice.explain import Blocker, explain
from plugins.einvoice.profiles import PROFILES
from plugins.einvoice.ubl import BUILTIN_PROFILES, ProfileError
from plugins.einvoice.validator import validate

WRITER_RULE = "LEDGERLINE-WRITER"


def preflight(document, profiles, available: dict | None = None) -> list[Blocker]:
    """Every reason ``document`` cannot be issued in ``profiles``; [] when it can."""
    return checked_xml(document, profiles, available)[0]


def checked_xml(
    document, profiles, available: dict | None = None
) -> tuple[list[Blocker], dict[str, bytes]]:
    """``preflight`` that also hands back the XML it checked, ``{profile: bytes}``: when there
    is no blocker, each is the very document ``Profile.build`` writes, already validated, so a
    caller sealing it need not build it again.

    Building and validating are pure CPU work (lxml, Saxon): under gevent they run on a real
    thread (``off_loop``), so the process's other requests and sockets go on meanwhile."""
    return off_loop(_checked_xml, document, profiles, available or BUILTIN_PROFILES)


def _checked_xml(document, profiles, available: dict) -> tuple[list[Blocker], dict[str, bytes]]:
    found: list[Blocker] = []
    written: dict[str, bytes] = {}
    for name in profiles:
        blockers, xml = _one(document, name, available[name])
        found += blockers
        if xml is not None:
            written[name] = xml
    return list(dict.fromkeys(found)), written


def _one(document, name: str, profile) -> tuple[list[Blocker], bytes | None]:
    problems, xml = _draft_xml(document, profile)
    if xml is None:
        return [_writer_blocker(name, p) for p in problems], None
    if isinstance(xml, str):
        xml = xml.encode()
    official = []
    if name in PROFILES:
        official = [explain(name, finding) for finding in validate(xml, name).errors]
    return official or [_writer_blocker(name, p) for p in problems], xml


def _draft_xml(document, profile) -> tuple[list[str], bytes | None]:
    """(the writer's objections, the XML written regardless or None if it cannot be)."""
    if profile.writer is None:
        try:
            return [], profile.build(document)
        except ProfileError as exc:
            return [str(exc)], None
    writer = profile.writer(document)
    problems = writer.problems()
    try:
        return problems, writer.build(check=False)
    except Exception:  # missing data the writer cannot even write: its objections say why
        if not problems:
            raise
        return problems, None


def _writer_blocker(profile: str, problem: str) -> Blocker:
    return Blocker(profile, WRITER_RULE, "document", problem, problem)
