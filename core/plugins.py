"""Plugin discovery, enable filter, dependency ordering and registration with pluggy."""

from __future__ import annotations

import importlib
import importlib.metadata as md
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pluggy

from core import hookspecs
from core.manifest import Manifest

ENTRY_POINT_GROUP = "ledgerline.plugins"


class PluginError(RuntimeError):
    """Start-up refused: the message names the plugin and what is wrong."""


@dataclass
class PluginInfo:
    manifest: Manifest
    module: ModuleType
    distribution: str | None
    enabled: bool = False

    @property
    def name(self) -> str:
        return self.manifest.name

    @property
    def path(self) -> Path:
        return Path(self.module.__file__).parent

    @property
    def templates_dir(self) -> Path:
        return self.path / "templates"

    @property
    def migrations_dir(self) -> Path:
        return self.path / "migrations" / "versions"


def discover() -> dict[str, PluginInfo]:
    """Every installed plugin found through the entry-point group, built-ins included."""
    found: dict[str, PluginInfo] = {}
    for ep in md.entry_points(group=ENTRY_POINT_GROUP):
        module = _load(ep)
        manifest = getattr(module, "MANIFEST", None)
        if not isinstance(manifest, Manifest):
            raise PluginError(f"plugin {ep.name!r} ({ep.value}) has no MANIFEST = Manifest(...)")
        if manifest.name != ep.name:
            raise PluginError(
                f"plugin {ep.name!r}: entry point name and MANIFEST.name {manifest.name!r} differ"
            )
        dist = ep.dist.name if ep.dist else None
        if manifest.name in found:
            other = found[manifest.name].distribution
            if other == dist and found[manifest.name].module is module:
                continue
            raise PluginError(
                f"plugin {manifest.name!r} is installed twice (by {other!r} and {dist!r})"
            )
        found[manifest.name] = PluginInfo(manifest, module, dist)
    return found


def _load(ep: md.EntryPoint) -> ModuleType:
    try:
        return importlib.import_module(ep.value.split(":")[0])
    except Exception as exc:  # a broken plugin must name itself
        raise PluginError(f"plugin {ep.name!r} failed to import: {exc}") from exc


def select_enabled(installed: dict[str, PluginInfo], wanted: str | list | None) -> list[str]:
    """Names to enable: ``wanted`` is "all"/None or a comma list; dependencies must be there."""
    if wanted in (None, "", "all", "*"):
        names = list(installed)
    else:
        items = wanted.split(",") if isinstance(wanted, str) else list(wanted)
        names = [n.strip() for n in items if n.strip()]
        unknown = [n for n in names if n not in installed]
        if unknown:
            raise PluginError(
                f"LEDGERLINE_PLUGINS names plugin(s) not installed: {', '.join(unknown)}"
            )
    return names


def dependency_order(installed: dict[str, PluginInfo], names: list[str]) -> list[str]:
    """Topological order, dependencies first; a missing dependency or a cycle is an error."""
    enabled = set(names)
    for name in names:
        missing = [d for d in installed[name].manifest.depends if d not in enabled]
        if missing:
            state = "not enabled" if all(m in installed for m in missing) else "not installed"
            raise PluginError(f"plugin {name!r} depends on {', '.join(missing)}, which is {state}")
    order: list[str] = []
    visiting: list[str] = []

    def visit(name: str) -> None:
        if name in order:
            return
        if name in visiting:
            cycle = " -> ".join(visiting[visiting.index(name) :] + [name])
            raise PluginError(f"plugin {name!r} is in a dependency cycle: {cycle}")
        visiting.append(name)
        manifest = installed[name].manifest
        soft = [u for u in manifest.uses if u in enabled]
        for dep in sorted(manifest.depends) + sorted(soft):
            visit(dep)
        visiting.pop()
        order.append(name)

    for name in sorted(names):
        visit(name)
    return order


class Plugins:
    """The app's plugin registry, kept in ``app.extensions["ledgerline.plugins"]``."""

    def __init__(self, installed: dict[str, PluginInfo], order: list[str], core_impls):
        self.installed = installed
        self.order = order
        self.pm = pluggy.PluginManager("ledgerline")
        self.pm.add_hookspecs(hookspecs)
        for name in order:
            self._add_plugin_hookspecs(installed[name])
        # pluggy calls last-registered first: register dependents first so that
        # dependencies run first; core's defaults are registered before everything.
        self.pm.register(core_impls, name="core")
        for name in reversed(order):
            installed[name].enabled = True
            self.pm.register(installed[name].module, name=name)
        self._check_pending()

    def _add_plugin_hookspecs(self, info: PluginInfo) -> None:
        if not info.manifest.hookspecs:
            return
        try:
            module = importlib.import_module(info.manifest.hookspecs)
        except ImportError as exc:
            raise PluginError(f"plugin {info.name!r}: cannot import hookspecs: {exc}") from exc
        self.pm.add_hookspecs(module)

    def _check_pending(self) -> None:
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            # pluggy names the offending plugin object; turn it back into its plugin name.
            name = self.pm.get_name(exc.plugin) if getattr(exc, "plugin", None) else None
            name = name or "?"
            raise PluginError(f"plugin {name!r} implements an unknown hook: {exc}") from exc

    @property
    def hook(self):
        return self.pm.hook

    def enabled(self) -> list[PluginInfo]:
        return [self.installed[n] for n in self.order]

    def hooks_of(self, name: str) -> list[str]:
        plugin = self.pm.get_plugin(name)
        return sorted(h.name for h in self.pm.get_hookcallers(plugin) or [])


def load(wanted, core_impls) -> Plugins:
    installed = discover()
    names = select_enabled(installed, wanted)
    return Plugins(installed, dependency_order(installed, names), core_impls)
