"""The Flask subclass ``create_app`` builds: Flask with core's answer to ``OPTIONS``."""

from __future__ import annotations

from flask import Flask
from flask.globals import request_ctx


class LedgerlineFlask(Flask):
    def make_default_options_response(self):
        """``OPTIONS`` on any route: 204 No Content with the methods it takes in ``Allow``
        (Flask's own answer is an empty ``text/html`` 200, which no API client expects)."""
        response = self.response_class(status=204)
        response.allow.update(request_ctx.url_adapter.allowed_methods())
        response.headers.pop("Content-Type", None)
        return response
