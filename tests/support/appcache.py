"""What makes building a test app cheap, without changing what the app is.

Every test builds its own app (``create_app``). Four parts of that cost the same each time:

* the translation catalogues: ``core.i18n.catalogs`` compiles each ``.po`` into the app's
  instance folder unless a ``.mo`` built from the same ``.po`` text is there (a SHA-256 beside
  it). Each test has a new instance folder, so each compiled them all again. ``warm_instance``
  copies the catalogues the worker's first app compiled into a new instance folder; the app
  still checks every one against its ``.po`` digest and recompiles any that differ.
* Werkzeug compiles two URL-builder functions per route (~250 routes) from an AST. The code it
  generates depends only on the rule's parsed parts, its default names and ``append_unknown``,
  so ``reuse_url_builders`` keeps one per distinct shape for the process and binds it to each
  new rule as Werkzeug does. Rules with a default for one of their own variables (whose value
  is baked into the code) are compiled as before.
* Werkzeug parses each rule string into regex parts (a third of ``create_app``'s CPU, measured
  with cProfile). ``reuse_rule_parts`` parses each string once per process and replays the
  result, with the rule's own converter objects (~17 ms CPU less per test).
* Plugin discovery reads every installed distribution's entry points and metadata.
  ``reuse_discovery`` keeps what it found while ``sys.path`` and its folders are unchanged and
  gives each app its own copies (~7 ms CPU less per test).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

_compiled: dict[str, Path] = {}


def warm_instance(instance: Path) -> None:
    """Copy this worker's compiled catalogues into ``instance`` (a new app's folder)."""
    source = _compiled.get("translations")
    target = instance / "translations"
    if source is not None and not target.exists():
        shutil.copytree(source, target)


def remember_catalogues(instance: Path, keep: Path) -> None:
    """After the worker's first app: keep its compiled catalogues (in ``keep``) for the next."""
    built = instance / "translations"
    if "translations" not in _compiled and built.is_dir():
        shutil.copytree(built, keep)
        _compiled["translations"] = keep


def reuse_url_builders() -> None:
    from werkzeug.routing.rules import Rule

    compile_builder = Rule._compile_builder
    if getattr(compile_builder, "ledgerline_reused", False):
        return
    built: dict[tuple, object] = {}

    def reused(self, append_unknown: bool = True):
        defaults = self.defaults or {}
        if any(dynamic and part in defaults for dynamic, part in self._trace):
            return compile_builder(self, append_unknown)
        shape = (append_unknown, tuple(self._trace), tuple(str(name) for name in defaults))
        if shape not in built:
            built[shape] = compile_builder(self, append_unknown)
        return built[shape]

    reused.ledgerline_reused = True
    Rule._compile_builder = reused


def reuse_rule_parts() -> None:
    """Parse each URL rule string once per process (``Rule._parse_rule``), then replay it.

    Parsing yields the rule's parts (regex text and weights, never changed afterwards) and,
    on the way, records on the rule its trace, its converters and its argument names. A
    replay returns the same parts and records the same trace and argument names; the
    converters are made anew from this rule's map (``get_converter``), as parsing does. The
    key holds the map's converters (``_converter_key``), whose regexes the parts contain."""
    from werkzeug.routing.rules import Rule

    parse = Rule._parse_rule
    if getattr(parse, "ledgerline_reused", False):
        return
    parsed: dict[tuple, tuple] = {}

    def reused(self, rule: str):
        key = (rule, *(_converter_key(n, c) for n, c in sorted(self.map.converters.items())))
        if key not in parsed:
            trace, calls = len(self._trace), []
            get_converter = self.get_converter

            def recorded(*call):
                calls.append(call)
                return get_converter(*call)

            self.get_converter = recorded  # this rule only, while it is parsed
            try:
                parts = list(parse(self, rule))
            finally:
                del self.get_converter
            parsed[key] = (parts, self._trace[trace:], calls)
            return list(parts)
        parts, trace, calls = parsed[key]
        self._trace.extend(trace)
        for variable, converter, args, kwargs in calls:
            self._converters[variable] = self.get_converter(variable, converter, args, kwargs)
            self.arguments.add(variable)
        return list(parts)

    reused.ledgerline_reused = True
    Rule._parse_rule = reused


def _converter_key(name: str, converter: type) -> tuple:
    """A converter class as far as parsed parts depend on it. ``core.inputs.int_converter``
    makes its class anew for each app from the same code: the same module and qualified
    name, with the same class-level regex and weights, count as the same converter."""
    attributes = (converter.regex, converter.weight, converter.part_isolating)
    return (name, converter.__module__, converter.__qualname__, *attributes)


def reuse_discovery() -> None:
    """Find the installed plugins once per process (``core.plugins.discover``) while nothing
    is installed or removed, then hand each new app its own copies of what was found.

    Discovery reads every distribution's entry points and parses the METADATA of each that
    offers a plugin: a third of ``create_app``'s CPU once routes are reused. Its result is
    kept per ``sys.path`` and the modification times of its folders (installing or removing
    a package changes its site folder). A test that offers its own entry points
    (tests/core/test_plugins.py replaces ``importlib.metadata.entry_points``) is not served
    from the cache."""
    import dataclasses
    import importlib.metadata as md

    from core import plugins

    discover = plugins.discover
    if getattr(discover, "ledgerline_reused", False):
        return
    real_entry_points = md.entry_points
    found: dict[tuple, dict] = {}

    def reused():
        if md.entry_points is not real_entry_points:
            return discover()
        key = tuple((entry, _mtime(entry)) for entry in sys.path)
        if key not in found:
            found.clear()
            found[key] = discover()
        return {name: dataclasses.replace(info) for name, info in found[key].items()}

    reused.ledgerline_reused = True
    plugins.discover = reused


def _mtime(entry: str) -> int | None:
    try:
        return os.stat(entry or ".").st_mtime_ns
    except OSError:
        return None


def build(create_app, config: dict, tmp_path_factory):
    """``create_app(config)`` with this worker's compiled catalogues in its instance folder."""
    instance = config.get("INSTANCE_PATH")
    if instance is None:
        return create_app(config)
    warm_instance(Path(instance))
    app = create_app(config)
    if "translations" not in _compiled:
        remember_catalogues(Path(instance), tmp_path_factory.mktemp("catalogues") / "translations")
    return app
