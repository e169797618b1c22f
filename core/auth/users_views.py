"""/company/users: a company admin sees the company's users and deactivates or reactivates them."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from core.auth import user_admin
from core.auth.forms import ActionForm
from core.requestctx import current_actor
from core.templating import render

bp = Blueprint("core_users", __name__, url_prefix="/company/users")


def _admin():
    actor = current_actor()
    if not actor.can(user_admin.MANAGE) or actor.company_id is None:
        abort(403, _("Only a company admin manages the company's users."))
    return actor


@bp.route("")
@login_required
def index():
    actor = _admin()
    users = user_admin.colleagues(actor)
    return render("core/users.html", users=users, action=ActionForm())


@bp.route("/<int:user_id>/deactivate", methods=["POST"])
@login_required
def deactivate(user_id: int):
    return _set(
        user_id, False, _l("%(user)s is deactivated: signed out everywhere, API tokens revoked.")
    )


@bp.route("/<int:user_id>/reactivate", methods=["POST"])
@login_required
def reactivate(user_id: int):
    return _set(user_id, True, _l("%(user)s can sign in again."))


def _set(user_id: int, active: bool, notice):
    try:
        user = user_admin.set_active(_admin(), user_id, active)
    except user_admin.Refused as exc:
        abort(exc.status, exc.message)
    flash(str(notice) % {"user": user.full_name or user.email}, "success")
    return redirect(url_for("core_users.index"))
