"""docs/plugins.md documents every hook: core's and those of every enabled plugin."""

from __future__ import annotations

import importlib
import inspect
import re

from core import PROJECT_ROOT, hookspecs

DOC = PROJECT_ROOT / "docs" / "plugins.md"


def documented() -> set[str]:
    return set(re.findall(r"^### (\w+)\s*$", DOC.read_text(), flags=re.MULTILINE))


def specs_in(module) -> set[str]:
    return {
        name
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if hasattr(fn, "ledgerline_spec")
    }


def test_every_core_hook_is_documented():
    missing = specs_in(hookspecs) - documented()
    assert not missing, f"add a '### name' section to docs/plugins.md for: {sorted(missing)}"


def test_every_plugin_hook_is_documented(app):
    names = set()
    for info in app.extensions["ledgerline.plugins"].enabled():
        if info.manifest.hookspecs:
            names |= specs_in(importlib.import_module(info.manifest.hookspecs))
    missing = names - documented()
    assert not missing, f"add a '### name' section to docs/plugins.md for: {sorted(missing)}"


def test_every_documented_hook_signature_matches_the_spec():
    text = DOC.read_text()
    for name in specs_in(hookspecs):
        params = ", ".join(inspect.signature(getattr(hookspecs, name)).parameters)
        assert f"`{name}({params})`" in text, f"docs/plugins.md: signature of {name}"


def test_the_check_notices_a_missing_hook():
    import types

    fake = types.ModuleType("fake_hookspecs")

    def undocumented_hook(thing):
        """A hook nobody wrote up."""

    undocumented_hook.ledgerline_spec = {}
    fake.undocumented_hook = undocumented_hook
    assert specs_in(fake) - documented() == {"undocumented_hook"}
