"""/account/preferences: the user's name, language and time zone."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from core.auth.account import bp
from core.db import db
from core.i18n.preferences import PreferencesForm
from core.templating import render


@bp.route("/preferences", methods=["GET", "POST"])
@login_required
def preferences_page():
    user = current_user._get_current_object()
    form = PreferencesForm(
        data={
            "full_name": user.full_name or "",
            "locale": user.locale or "",
            "timezone": user.timezone or "",
        }
    )
    if form.validate_on_submit():
        user.full_name = form.full_name.data.strip() or None
        user.locale = form.locale.data or None
        user.timezone = form.timezone.data or None
        db.session.commit()
        with force_locale(user.locale or str(get_locale())):  # say it in the new language
            flash(_("Your preferences are saved."), "success")
        return redirect(url_for("core_account.index"))
    status = 400 if form.errors else 200
    return render("account/preferences.html", form=form, status=status)
