"""The company profile edited in two places at once: the form carries the version it was
opened at; a save against an older one shows core's field-by-field merge page instead of
overwriting, and the merged values go through the same rules as any save."""

from __future__ import annotations

from flask import request, url_for

from core.audit import last_editor
from core.company_form import CompanyForm
from core.company_rules import EDITABLE_FIELDS
from core.merge import StaleEdit, changes, choices_from, dump, load, merged
from core.templating import is_htmx, render
from core.versioning import form_version


def profile(company) -> dict:
    """The profile as the form holds it (and as the merge page compares it)."""
    return {name: getattr(company, name) for name in EDITABLE_FIELDS}


def profile_json(company) -> str:
    return dump(profile(company))


def stale_answer(company, form: CompanyForm):
    """The merge page when the form was opened at an older version, else None."""
    opened = form_version(request.form.get("_version"))
    if opened is None or opened == company.version:
        return None
    return stale_page(company, load(request.form.get("_original")), form.submitted_profile())


def stale_page(company, original: dict, mine: dict):
    form = CompanyForm(formdata=None, data=mine, meta={"csrf": False})
    found = changes(original, mine, profile(company), lambda n: form[n].label.text)
    edit = url_for("core_web.company_edit")
    stale = StaleEdit(
        changes=found,
        version=company.version,
        mine=mine,
        theirs=profile(company),
        action=edit,
        reload_url=url_for("core_web.company"),
        saved_by=last_editor("company", company.id, company.id),
    )
    # htmx swaps only 2xx/422 answers (static/core/app.js): the page itself says it was refused.
    return render(
        "core/stale_page.html",
        status=200 if is_htmx() else 409,
        stale=stale,
        back_url=url_for("core_web.company"),
        back_label=company.name,
    )


def merged_form(company):
    """The merge form's choices as a company form (not yet checked), or the merge page again
    when the profile moved on once more."""
    theirs = load(request.form.get("_theirs"))
    payload = merged(load(request.form.get("_mine")), theirs, choices_from(request.form))
    if form_version(request.form.get("_version")) != company.version:
        return None, stale_page(company, theirs, payload)
    return CompanyForm(formdata=None, data=payload, meta={"csrf": False}), None
