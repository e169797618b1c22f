"""Sign-in pages: password, then (for MFA users) a second factor; sign-out."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from core.auth import mfa
from core.auth.forms import CodeForm, LoginForm
from core.auth.passwords import hash_password, needs_rehash, verify_password
from core.auth.redirects import safe_next
from core.db import db
from core.extensions import limiter
from core.models import User
from core.templating import render
from core.timeutil import utcnow

bp = Blueprint("core_auth", __name__)

# Verifying against a real hash when the e-mail is unknown keeps response times alike.
_DUMMY_HASH = hash_password("not-a-real-password")

TOO_MANY = "Too many sign-in attempts from your address. Wait a minute, then try again."


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


# One budget for both steps, so the code step cannot be guessed at a separate rate.
login_limit = limiter.shared_limit(
    _login_limit, scope="login", methods=["POST"], error_message=TOO_MANY
)


@bp.route("/login", methods=["GET", "POST"])
@login_limit
def login():
    if request.method == "GET" and current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(select(User).where(User.email == form.email.data.lower()))
        ok = verify_password(user.password_hash if user else _DUMMY_HASH, form.password.data)
        if user is not None and ok and user.active:
            return _after_password(user, form.password.data)
        form.password.errors.append("E-mail or password is not correct.")
    return render("auth/login.html", form=form, status=400 if form.errors else 200)


def _after_password(user: User, password: str):
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    nxt = safe_next(request.args.get("next"))
    if user.mfa_enabled:
        return mfa.start_challenge(user, nxt)
    return complete_login(user, nxt)


@bp.route("/login/mfa", methods=["GET", "POST"])
@login_limit
def login_mfa():
    user = mfa.pending_user()
    if user is None:
        flash("Your sign-in timed out. Please sign in again.", "info")
        return redirect(url_for("core_auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        if mfa.verify_second_factor(user, form.code.data):
            return complete_login(user, mfa.finish_challenge())
        db.session.rollback()
        form.code.errors.append("That code is not valid. Try again.")
    return render("auth/mfa.html", form=form, status=400 if form.errors else 200)


def complete_login(user: User, nxt: str):
    user.last_login_at = utcnow()
    db.session.commit()
    session.pop(mfa.CHALLENGE_KEY, None)
    login_user(user)
    return redirect(nxt)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    session.clear()  # nothing of the old sign-in survives, pending MFA included
    flash("You are signed out.", "info")
    return redirect(url_for("core_auth.login"))
