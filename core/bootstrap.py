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
    _set_config_defaults(app, plugins)
    plugins.hook.init_app(app=app)
    _register_models(app, plugins)
    _register_permissions(app, plugins)
    plugins.hook.register_blueprints(app=app)
    plugins.hook.register_socketio_namespaces(socketio=extensions.socketio)
    plugins.hook.register_commands(cli=app.cli)


def _set_config_defaults(app: Flask, plugins) -> None:
    for defaults in plugins.hook.config_defaults():
        for key, value in defaults.items():
            app.config.setdefault(key, value)


def _init_core_modules(app: Flask) -> None:
    from core import (
        apiv1,
        audit_page,
        auth,
        cli,
        errors,
        i18n,
        inputs,
        jobs,
        migrations,
        proxy,
        realtime,
        requestctx,
        templating,
        web,
    )

    for module in (
        requestctx,
        templating,
        i18n,
        errors,
        inputs,
        migrations,
        auth,
        realtime,
        jobs,
        web,
        audit_page,
        apiv1,
        cli,
        proxy,  # last: it wraps Socket.IO's middleware too
    ):
        module.init_app(app)


def _register_models(app: Flask, plugins) -> None:
    """One pluggy call (wrappers, ``specname`` and ordering apply); every model returned is
    checked and attributed to the plugin whose package defines it."""
    owners = {}
    packages = {info.module.__name__: info.name for info in plugins.enabled()}
    for batch in plugins.hook.register_models():
        for model in batch or []:
            name = _owner(model, packages)
            _check_model(name, model)
            owners[model.__tablename__] = name
    app.extensions["ledgerline.tables"] = owners


def _owner(model, packages: dict[str, str]) -> str:
    for package, name in packages.items():
        if model.__module__ == package or model.__module__.startswith(package + "."):
            return name
    raise plugin_engine.PluginError(
        f"register_models returned {model.__module__}.{model.__name__}, "
        "which no enabled plugin's package defines"
    )


def _check_model(name: str, model) -> None:
    from core.tenancy import TenantMixin

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


def _register_permissions(app: Flask, plugins) -> None:
    from core import permissions

    app.extensions["ledgerline.permissions"] = permissions.collect(plugins)
