"""Start-up order: extensions, plugins, models, permissions, blueprints, sockets, commands."""

from __future__ import annotations

from flask import Flask

from core import plugins as plugin_engine


def init(app: Flask) -> None:
    from core import core_hooks, extensions, models  # noqa: F401  (models register tables)

    plugins = plugin_engine.load(app.config["PLUGINS"], core_hooks)
    app.extensions["ledgerline.plugins"] = plugins

    extensions.db.init_app(app)
    _init_core_modules(app)
    plugins.hook.init_app(app=app)
    _register_models(app, plugins)
    _register_permissions(app, plugins)
    plugins.hook.register_blueprints(app=app)
    plugins.hook.register_socketio_namespaces(socketio=extensions.socketio)
    plugins.hook.register_commands(cli=app.cli)


def _init_core_modules(app: Flask) -> None:
    from core import (
        apiv1,
        auth,
        cli,
        errors,
        inputs,
        jobs,
        migrations,
        realtime,
        requestctx,
        templating,
        web,
    )

    for module in (
        requestctx,
        templating,
        errors,
        inputs,
        migrations,
        auth,
        realtime,
        jobs,
        web,
        apiv1,
        cli,
    ):
        module.init_app(app)


def _register_models(app: Flask, plugins) -> None:
    from core.tenancy import TenantMixin

    owners = {}
    for name, batch in _per_plugin(plugins, "register_models"):
        for model in batch or []:
            table = model.__tablename__
            if not table.startswith(f"{name}_"):
                raise plugin_engine.PluginError(
                    f"plugin {name!r}: table {table!r} must start with '{name}_'"
                )
            tenant = "company_id" in model.__table__.c or issubclass(model, TenantMixin)
            if not tenant and not getattr(model, "__ledgerline_global__", False):
                raise plugin_engine.PluginError(
                    f"plugin {name!r}: model {model.__name__} has no company_id "
                    "(mix in TenantMixin or set __ledgerline_global__ = True)"
                )
            owners[table] = name
    app.extensions["ledgerline.tables"] = owners


def _per_plugin(plugins, hook_name: str):
    for info in plugins.enabled():
        impl = getattr(info.module, hook_name, None)
        if impl is not None and hasattr(impl, "ledgerline_impl"):
            yield info.name, impl()


def _register_permissions(app: Flask, plugins) -> None:
    from core import permissions

    app.extensions["ledgerline.permissions"] = permissions.collect(plugins)
