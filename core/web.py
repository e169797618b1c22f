"""Core pages: dashboard, apps, company profile."""

from __future__ import annotations

from flask import Blueprint, current_app
from flask_login import login_required

from core.requestctx import current_actor
from core.shell import widgets_for
from core.templating import render

bp = Blueprint("core_web", __name__)


def init_app(app) -> None:
    app.register_blueprint(bp)


@bp.route("/")
@login_required
def dashboard():
    return render("core/dashboard.html", widgets=widgets_for(current_actor()))


@bp.route("/apps")
@login_required
def apps():
    plugins = current_app.extensions["ledgerline.plugins"]
    return render("core/apps.html", plugins=plugins)


@bp.route("/company")
@login_required
def company():
    return render("core/company.html")
