"""``core.api.declare_parts``: declared parts answer pluggy exactly as hand-written hookimpls."""

from __future__ import annotations

import sys
import types

import click
import pluggy
import pytest
from flask import Blueprint, Flask

from core import hookspecs
from core.api import MenuItem, declare_parts, hookimpl

PIECES = "tests_declared_pieces"


@pytest.fixture
def pieces():
    """A module the references point at: a blueprint, a command, models and a room check."""
    module = types.ModuleType(PIECES)
    module.bp = Blueprint("declared", __name__, url_prefix="/declared")
    module.bp.add_url_rule("/", "index", lambda: "declared page")
    module.other_bp = Blueprint("declared_other", __name__)
    module.group = click.Group("declared", help="Declared commands.")
    module.MODELS = ["ModelA", "ModelB"]
    module.authorize_room = lambda actor, kind, record_id: (kind == "note") or None
    sys.modules[PIECES] = module
    yield module
    del sys.modules[PIECES]


def plugin_module(name="tests_declared_plugin", **parts):
    module = types.ModuleType(name)
    sys.modules[name] = module
    try:
        declare_parts(name, **parts)
    finally:
        del sys.modules[name]
    return module


def manager(module):
    pm = pluggy.PluginManager("ledgerline")
    pm.add_hookspecs(hookspecs)
    pm.register(module, name="declared")
    pm.check_pending()
    return pm


def test_declared_parts_are_called_by_pluggy_with_the_hooks_arguments(pieces):
    module = plugin_module(
        register_models=f"{PIECES}:MODELS",
        register_blueprints=(f"{PIECES}:bp", f"{PIECES}:other_bp"),
        register_commands=f"{PIECES}:group",
        authorize_room=f"{PIECES}:authorize_room",
        menu_items=[MenuItem("Declared", "declared.index", 5)],
    )
    pm = manager(module)
    app = Flask(__name__)
    pm.hook.register_blueprints(app=app)
    pm.hook.register_commands(cli=app.cli)

    assert pm.hook.register_models() == [["ModelA", "ModelB"]]
    assert app.test_client().get("/declared/").text == "declared page"
    assert {"declared", "declared_other"} <= set(app.blueprints)
    assert app.cli.commands["declared"] is pieces.group
    assert pm.hook.authorize_room(actor=None, kind="note", record_id=1) is True
    assert pm.hook.authorize_room(actor=None, kind="invoice", record_id=1) is None
    assert [m.label for m in pm.hook.menu_items(actor=None)[0]] == ["Declared"]


def test_a_hook_declared_and_written_by_hand_is_refused():
    name = "tests_declared_twice"
    module = types.ModuleType(name)
    module.register_models = hookimpl(lambda: [])
    sys.modules[name] = module
    try:
        with pytest.raises(TypeError, match="register_models is both declared and written"):
            declare_parts(name, register_models="x.y:MODELS")
    finally:
        del sys.modules[name]


def test_a_reference_without_a_colon_is_refused_when_declared():
    with pytest.raises(TypeError, match="'package.module:name' references, got 'x.y.MODELS'"):
        plugin_module(register_models="x.y.MODELS")
    with pytest.raises(TypeError, match="got 42"):
        plugin_module(register_blueprints=("x.y:bp", 42))


def test_an_unknown_hook_stops_start_up_as_a_hand_written_one_does():
    module = plugin_module(register_modles="x.y:MODELS")
    with pytest.raises(pluggy.PluginValidationError, match="register_modles"):
        manager(module)
