"""/account/password: change the password; every other session of the user ends."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from core.auth import sessions
from core.auth.account import bp, no_store
from core.auth.forms import PasswordChangeForm
from core.auth.passwords import hash_password, verify_password
from core.db import db
from core.templating import render


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password_page():
    user = current_user._get_current_object()
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if verify_password(user.password_hash, form.current.data):
            user.password_hash = hash_password(form.new.data)
            sessions.end_others(user)
            db.session.commit()
            flash(_("Your password is changed. Other browsers were signed out."), "success")
            return redirect(url_for("core_account.index"))
        form.current.errors.append(_("That is not your current password."))
    status = 400 if form.errors else 200
    return no_store(render("account/password.html", form=form, status=status))
