"""The signed-in user's own account: overview, second factor, API tokens."""

from __future__ import annotations

from flask import Blueprint
from flask_login import current_user, login_required

from core.auth import backup_codes
from core.i18n.selection import LOCALES
from core.templating import render

bp = Blueprint("core_account", __name__, url_prefix="/account")


def no_store(response):
    """Pages that show a secret once must not be kept by the browser or a proxy."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("")
@login_required
def index():
    user = current_user._get_current_object()
    left = backup_codes.remaining(user) if user.mfa_enabled else 0
    return render("account/index.html", user=user, codes_left=left, locale_names=LOCALES)


from core.auth import (  # noqa: E402,F401  (routes on bp)
    mfa_views,
    password_views,
    preferences_views,
    token_views,
)
