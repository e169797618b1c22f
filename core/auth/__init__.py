"""Authentication: Flask-Login sessions, MFA, API tokens, rate-limited login."""

from __future__ import annotations

from flask import g, request_started

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
    from core.auth.users_views import bp as users_bp
    from core.auth.views import bp

    app.register_blueprint(bp)
    app.register_blueprint(account_bp)
    app.register_blueprint(users_bp)
    request_started.connect(_fresh_request_globals, app)


def _fresh_request_globals(sender, **extra) -> None:
    """Start every request with an empty ``g``, as a fresh app context gives it.

    Flask-Login caches the user in ``g`` and Flask-WTF the CSRF token. Normally each request
    brings its own app context, but a request made inside an already pushed one (the test
    client under the ``app`` fixture) shares it: the previous request's user - even another
    client's - would be taken as this one's, session protection skipped, and a stale CSRF
    token handed out. ``request_started`` fires before every ``before_request`` function.
    """
    for name in list(vars(g)):
        delattr(g, name)


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    from core.auth import sessions

    return sessions.load(user_id)
