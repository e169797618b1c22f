"""What a validation found: findings with the official rule id, flag, location and message."""

from __future__ import annotations

from dataclasses import asdict, dataclass

FATAL = "fatal"
WARNING = "warning"
XSD_RULE = "XSD"


@dataclass(frozen=True)
class Finding:
    rule: str  # official rule id (BR-CO-10, PEPPOL-EN16931-R003, ibr-147-ae) or "XSD"
    flag: str  # "fatal" | "warning"
    location: str  # XPath-like location in the document, "" when unknown
    message: str  # the official message, unchanged

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ValidationReport:
    valid: bool
    profile: str
    errors: tuple[Finding, ...]
    warnings: tuple[Finding, ...]

    @property
    def rule_ids(self) -> list[str]:
        """Ids of the fatal findings, in document order without repeats."""
        return list(dict.fromkeys(finding.rule for finding in self.errors))

    def as_dict(self) -> dict:
        return {
            "valid": self.valid,
            "profile": self.profile,
            "errors": [finding.as_dict() for finding in self.errors],
            "warnings": [finding.as_dict() for finding in self.warnings],
        }


def make_report(profile: str, findings: list[Finding]) -> ValidationReport:
    errors = tuple(f for f in findings if f.flag == FATAL)
    warnings = tuple(f for f in findings if f.flag != FATAL)
    return ValidationReport(not errors, profile, errors, warnings)
