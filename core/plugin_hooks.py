"""``core.api.hook``: the running app's pluggy hook relay, for plugins calling hooks.

``hook.invoicing_xml_profiles()`` calls every enabled plugin's implementation through pluggy
(ordering, wrappers, ``specname``), exactly as core calls its own hooks. Needs an app context.
"""

from __future__ import annotations

from flask import current_app


class HookRelay:
    """Looks the hook up on the current app at call time, so it works in every app and test."""

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(current_app.extensions["ledgerline.plugins"].hook, name)

    def __repr__(self) -> str:
        return "<core.api.hook: the current app's plugin hooks>"


hook = HookRelay()
