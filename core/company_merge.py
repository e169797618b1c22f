"""The company profile edited in two places at once: the form carries the version it was
opened at; a save against an older one shows core's field-by-field merge page
(``core.stale_merge``) instead of overwriting, and the merged values go through the same rules
as any save."""

from __future__ import annotations

from flask import url_for

from core.company_form import CompanyForm
from core.company_rules import EDITABLE_FIELDS
from core.merge import dump
from core.stale_merge import StaleMerge, payload_form


def profile(company) -> dict:
    """The profile as the form holds it (and as the merge page compares it)."""
    return {name: getattr(company, name) for name in EDITABLE_FIELDS}


def profile_json(company) -> str:
    return dump(profile(company))


MERGE = StaleMerge(
    kind="company",
    snapshot=profile,
    form=payload_form(CompanyForm),
    edit_url=lambda company: url_for("core_web.company_edit"),
    back_url=lambda company: url_for("core_web.company"),
    back_label=lambda company: company.name,
    reload_url=lambda company: url_for("core_web.company"),
    company_of=lambda company: company.id,
)
