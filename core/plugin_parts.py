"""``core.api.declare_parts``: a plugin names its pieces; core writes the hook implementations.

A plugin's ``__init__.py`` would otherwise repeat the same six-line ``@hookimpl`` for every
piece (import the permissions and return them, import the blueprints and register them, ...).
Instead it declares them once::

    declare_parts(
        __name__,
        register_models="plugins.ap.models:MODELS",
        register_blueprints=("plugins.ap.api:bp", "plugins.ap.views:bp"),
        menu_items=[MenuItem("Bills", "ap.bill_list", 30, permission=READ)],
    )

Each keyword is a hook name; each value is a reference ``"package.module:name"`` imported when
the hook is called (so importing the plugin stays cheap and free of import cycles) or, for a
constant answer, the answer itself. A referenced function is the implementation: it gets the
hook's arguments (core's hooks; another plugin's hook is called without arguments). Anything
else that is referenced is the answer. ``register_blueprints`` and ``register_commands`` take
one reference or several and register each blueprint on the app / each command on the CLI.
The functions are added to the plugin module, marked ``@hookimpl``, so pluggy calls them like
hand-written ones (ordering, ``check_pending``, the Apps page's list of hooks).
"""

from __future__ import annotations

import importlib
import inspect
import sys
from collections.abc import Callable

from core import hookspecs
from core.hookimpl import hookimpl

REGISTRARS: dict[str, Callable] = {
    "register_blueprints": lambda app, thing: app.register_blueprint(thing),
    "register_commands": lambda cli, thing: cli.add_command(thing),
}


def declare_parts(module_name: str, **parts) -> None:
    """Add one ``@hookimpl`` function per part to the module ``module_name``."""
    module = sys.modules[module_name]
    for hook_name, value in parts.items():
        if hasattr(module, hook_name):
            raise TypeError(f"{module_name}: {hook_name} is both declared and written by hand")
        setattr(module, hook_name, _implementation(hook_name, value, module_name))


def resolve(reference: str):
    """``"package.module:name"`` -> the object (imported now)."""
    module_name, _, attribute = reference.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


def _implementation(hook_name: str, value, module_name: str):
    if hook_name in REGISTRARS:
        references = (value,) if isinstance(value, str) else tuple(value)
        _check_references(module_name, hook_name, references)
        return _registrar(hook_name, references, module_name)
    if isinstance(value, str):
        _check_references(module_name, hook_name, (value,))
    return _answer(hook_name, value, module_name)


def _registrar(hook_name: str, references: tuple[str, ...], module_name: str):
    register = REGISTRARS[hook_name]

    def implementation(target) -> None:
        for reference in references:
            register(target, resolve(reference))

    return _mark(implementation, hook_name, module_name)


def _answer(hook_name: str, value, module_name: str):
    def implementation(*arguments):
        found = resolve(value) if isinstance(value, str) else value
        return found(*arguments) if inspect.isroutine(found) else found

    return _mark(implementation, hook_name, module_name)


def _mark(function, hook_name: str, module_name: str):
    # pluggy reads the argument names through __wrapped__ (the hook spec's own, or none) and
    # passes the arguments in that order.
    function.__wrapped__ = getattr(hookspecs, hook_name, _no_arguments)
    function.__name__ = function.__qualname__ = hook_name
    function.__module__ = module_name
    return hookimpl(function)


def _no_arguments():
    """Signature of a hook another plugin declares: its parts are called without arguments."""


def _check_references(module_name: str, hook_name: str, references: tuple[str, ...]) -> None:
    for reference in references:
        if not isinstance(reference, str) or ":" not in reference:
            raise TypeError(
                f"{module_name}: {hook_name} wants 'package.module:name' references, "
                f"got {reference!r}"
            )
