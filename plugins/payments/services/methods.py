"""Payment methods: the built-in ones plus whatever plugins add through ``payments_methods``."""

from __future__ import annotations

import re

from core.api import hook
from plugins.payments.models import BUILTIN_METHODS

CODE = re.compile(r"^[a-z0-9_]{1,32}$")


def allowed() -> tuple[str, ...]:
    extra = [code for batch in hook.payments_methods() for code in batch or []]
    bad = [code for code in extra if not isinstance(code, str) or not CODE.match(code)]
    if bad:
        # A plugin's mistake, not the caller's: say which code is wrong.
        raise RuntimeError(f"payments_methods returned invalid method codes: {bad!r}")
    return tuple(dict.fromkeys([*BUILTIN_METHODS, *extra]))
