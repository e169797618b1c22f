"""/account/mfa: enrol a TOTP authenticator, see backup codes once, turn MFA off."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from core.auth import backup_codes, mfa, sessions
from core.auth.account import bp, no_store
from core.auth.forms import ActionForm, CodeForm
from core.db import db
from core.templating import render


def _user():
    return current_user._get_current_object()


def _page(form=None, status=200):
    user = _user()
    ctx = {"user": user, "form": form or CodeForm(), "action": ActionForm()}
    if user.mfa_enabled:
        ctx["codes_left"] = backup_codes.remaining(user)
    elif user.mfa_secret_encrypted:
        uri = mfa.otpauth_uri(user)
        ctx.update(qr=mfa.qr_svg(uri), secret=mfa.secret_of(user), uri=uri)
    return no_store(render("account/mfa.html", status=status, **ctx))


@bp.route("/mfa")
@login_required
def mfa_page():
    return _page()


@bp.route("/mfa/start", methods=["POST"])
@login_required
def mfa_start():
    if not _user().mfa_enabled:  # CSRF was checked for every POST already
        mfa.begin_enrolment(_user())
        db.session.commit()
    return redirect(url_for("core_account.mfa_page"))


@bp.route("/mfa/confirm", methods=["POST"])
@login_required
def mfa_confirm():
    form = CodeForm()
    if form.validate_on_submit():
        codes = mfa.confirm_enrolment(_user(), form.code.data)
        if codes is not None:
            sessions.end_others(_user())  # sessions signed in without the new factor end
            db.session.commit()
            return no_store(render("account/mfa_codes.html", codes=codes))
        form.code.errors.append(_("That code does not match. Check the time on your phone."))
    return _page(form, 400)


def _with_code(act):
    """A form asking for a current second-factor code: ``act()`` when it is right, else the
    page again with the reason (400)."""
    form = CodeForm()
    if form.validate_on_submit():
        if mfa.verify_second_factor(_user(), form.code.data):
            return act()
        db.session.rollback()
        form.code.errors.append(_("That code is not valid."))
    return _page(form, 400)


@bp.route("/mfa/disable", methods=["POST"])
@login_required
def mfa_disable():
    def disable():
        mfa.disable(_user())
        sessions.end_others(_user())
        db.session.commit()
        flash(_("Two-factor authentication is off."), "info")
        return redirect(url_for("core_account.mfa_page"))

    return _with_code(disable)


@bp.route("/mfa/backup-codes", methods=["POST"])
@login_required
def mfa_new_codes():
    def replace():
        codes = backup_codes.replace_codes(_user())
        db.session.commit()
        return no_store(render("account/mfa_codes.html", codes=codes))

    return _with_code(replace)
