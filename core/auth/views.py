"""Login and logout pages."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, request, url_for
from flask_login import login_required, login_user, logout_user
from sqlalchemy import select

from core.auth.forms import LoginForm
from core.auth.passwords import hash_password, needs_rehash, verify_password
from core.db import db
from core.extensions import limiter
from core.models import User
from core.templating import render
from core.timeutil import utcnow

bp = Blueprint("core_auth", __name__)

# Verifying against a real hash when the e-mail is unknown keeps response times alike.
_DUMMY_HASH = hash_password("not-a-real-password")


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def safe_next(target: str | None) -> str:
    local = target and target.startswith("/") and not target.startswith("//")
    if local and not urlsplit(target).netloc:
        return target
    return url_for("core_web.dashboard")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
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
    from core.auth import mfa

    if user.mfa_enabled:
        return mfa.start_challenge(user, nxt)
    return complete_login(user, nxt)


def complete_login(user: User, nxt: str):
    user.last_login_at = utcnow()
    db.session.commit()
    login_user(user)
    return redirect(nxt)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    flash("You are signed out.", "info")
    return redirect(url_for("core_auth.login"))
