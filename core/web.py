"""Core pages: dashboard, apps, company profile."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from flask_login import login_required

from core import company_merge, edit_rooms
from core.company_form import CompanyForm
from core.db import db
from core.events import DomainEvent, publish
from core.models import Company
from core.realtime import emit
from core.requestctx import current_actor
from core.shell import widgets_for
from core.templating import is_htmx, render
from core.versioning import bump_version

bp = Blueprint("core_web", __name__)


def init_app(app) -> None:
    from core import security_headers

    app.register_blueprint(bp)
    edit_rooms.editable(Company, "core.company.update")
    security_headers.init_app(app)
    # The profile form carries what it showed, for the merge page of a stale save.
    app.jinja_env.globals["company_profile_json"] = company_merge.profile_json


@bp.route("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico on their own; answer with the app's icon, not a 404."""
    static = current_app.static_folder
    return send_from_directory(static, "core/favicon.svg", mimetype="image/svg+xml", max_age=86400)


@bp.route("/")
@login_required
def dashboard():
    actor = current_actor()
    company = db.session.get(Company, actor.company_id) if actor.company_id else None
    return render("core/dashboard.html", widgets=widgets_for(actor), company=company)


@bp.route("/apps")
@login_required
def apps():
    from core.plugin_state import describe_plugins

    if not current_actor().can("core.apps.read"):
        abort(403)
    return render("core/apps.html", plugins=describe_plugins(current_app))


def _own_company(permission: str) -> Company:
    """The actor's own company; nobody reaches another company's profile through these pages."""
    actor = current_actor()
    if not actor.can(permission):
        abort(403, _("Your role cannot do this on the company profile."))
    company = db.session.get(Company, actor.company_id) if actor.company_id else None
    if company is None:
        abort(404, _("Your account is not attached to a company."))
    return company


@bp.route("/company")
@login_required
def company():
    if current_actor().is_super_admin:
        return _company_picker()
    company = _own_company("core.company.read")
    return _company_page(company, CompanyForm(obj=company))


def _company_picker():
    """The super admin belongs to no company: the Company menu item lists them all."""
    from sqlalchemy import func, select

    from core.models import User

    users = (
        select(User.company_id, func.count(User.id).label("n")).group_by(User.company_id).subquery()
    )
    rows = db.session.execute(
        select(Company, func.coalesce(users.c.n, 0))
        .outerjoin(users, users.c.company_id == Company.id)
        .order_by(Company.name)
    ).all()
    return render("core/company_picker.html", companies=rows)


@bp.route("/company/<int:company_id>")
@login_required
def company_profile(company_id: int):
    """One company's profile, read-only, for the super admin (others see only their own)."""
    actor = current_actor()
    if not actor.is_super_admin:
        if actor.company_id != company_id:
            abort(404, _("No such company."))
        return redirect(url_for("core_web.company"))
    company = db.session.get(Company, company_id)
    if company is None:
        abort(404, _("No such company."))
    return render("core/company.html", company=company, form=None, notice=None, picked=True)


def _company_page(company, form, block="content", status=200, notice=None):
    can_edit = current_actor().can("core.company.update")
    return render(
        "core/company.html",
        block=block,
        status=status,
        company=company,
        form=form if can_edit else None,
        notice=notice,
    )


@bp.route("/company/edit", methods=["GET", "POST"])
@login_required
def company_edit():
    company = _own_company("core.company.update")
    form = CompanyForm(obj=company)
    if not form.is_submitted():
        return _company_page(company, form, block="edit_form")
    if request.form.get("_merge"):
        return _save_merged(company)
    if stale := company_merge.MERGE.refusal(company, form.submitted_profile()):
        return stale
    changed = _save(company, form)
    return _form_again(company, form) if changed is None else _saved(company, changed)


def _save_merged(company: Company):
    """The merge page's answer: the chosen values through the same rules as any save, against
    the version it showed (else the merge page again)."""
    saved = []

    def write(form, payload):
        saved.append(_save(company, form))
        return saved[-1]

    def failed(form, original):
        return _form_again(company, form)

    return company_merge.MERGE.save_merged(
        company, write, failed, lambda: _saved(company, saved[-1])
    )


def _save(company: Company, form: CompanyForm) -> dict | None:
    """The form's values saved: what changed; None when refused (the reasons on the form)."""
    cleaned = form.clean(company.to_dict()) if form.validate() else None
    if cleaned is None:
        return None
    changed = _apply(company, cleaned)
    if changed:
        publish(DomainEvent("CompanyUpdated", "company", company.id, company.id, data=changed))
        # Other open pages of this company re-fetch the profile; only field names travel.
        emit("company_updated", {"id": company.id, "changed": sorted(changed)}, company.id)
    db.session.commit()
    return changed


def _form_again(company: Company, form: CompanyForm):
    return _company_page(company, form, block="edit_form", status=422)


def _saved(company: Company, changed: dict):
    notice = _("Company profile saved.") if changed else _("Nothing changed.")
    if not is_htmx():
        flash(notice, "success")
        return redirect(url_for("core_web.company"))
    response = _company_page(company, CompanyForm(obj=company), block="edit_form", notice=notice)
    response.headers["HX-Trigger"] = "ll:company_updated"  # this page's own profile block
    return response


def _apply(company: Company, cleaned: dict) -> dict:
    """Set the values that differ and return them (the audit log masks personal data)."""
    changed = {k: v for k, v in cleaned.items() if getattr(company, k) != v}
    for name, value in changed.items():
        setattr(company, name, value)
    if changed:
        bump_version(company)
    return changed
