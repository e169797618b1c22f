"""The official rules, through the e-invoice plugin's public module (never a copy of them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Verdict:
    valid: bool
    profile: str
    rule_ids: list[str]
    errors: list[dict]


def check(xml: bytes, profile: str | None = None) -> Verdict:
    """Validate ``xml`` against ``profile`` (None: the profile the document declares)."""
    from plugins.einvoice.public import validate

    report = validate(xml, profile)
    errors = [
        {"rule": f.rule, "flag": f.flag, "location": f.location, "message": f.message}
        for f in report.errors
    ]
    return Verdict(report.valid, report.profile, list(report.rule_ids), errors)


def read(xml: bytes):
    """The neutral document (number, parties with endpoints, totals) of a UBL document."""
    from plugins.einvoice.public import read as read_document

    return read_document(xml)
