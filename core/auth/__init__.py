"""Authentication: Flask-Login sessions, MFA, API tokens, rate-limited login."""

from __future__ import annotations

from flask import g, request_started

from core.db import db
from core.extensions import csrf, limiter, login_manager
from core.models import User


def init_app(app) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "core_auth.login"
    login_manager.login_message_category = "info"
    # A session cookie replayed from another browser (IP + user agent) is dropped.
    login_manager.session_protection = "strong"
    csrf.init_app(app)
    limiter.init_app(app)

    from core.auth.account import bp as account_bp
    from core.auth.views import bp

    app.register_blueprint(bp)
    app.register_blueprint(account_bp)
    request_started.connect(_forget_cached_user, app)


def _forget_cached_user(sender, **extra) -> None:
    """Derive the user from this request's cookie, never from an earlier request.

    Flask-Login caches the user in ``g``, and ``g`` lives as long as the app context. Normally
    each request brings its own, but a request made inside an already pushed app context
    (the test client under the ``app`` fixture) shares it, so the previous request's user -
    even another client's - would be taken as this one's, and session protection skipped.
    ``request_started`` fires before every ``before_request`` function, identify included.
    """
    g.pop("_login_user", None)


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    return user if user is not None and user.active else None
