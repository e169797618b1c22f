"""E-invoice formats for every plugin: official-rule validation, UBL reading and writing."""

from __future__ import annotations

from core.api import Manifest, hookimpl

MANIFEST = Manifest(
    name="einvoice",
    version="1.0.0",
    depends=(),
    hookspecs="plugins.einvoice.hookspecs",
    summary="UBL 2.1 e-invoices: official Peppol BIS 3.0 / PINT-AE rules, UBL writers and reader",
)


@hookimpl
def init_app(app):
    app.config.setdefault("EINVOICE_MAX_DOCUMENT_BYTES", 5 * 1024 * 1024)
    app.config.setdefault("EINVOICE_WARM_RULES", False)
    if app.config["EINVOICE_WARM_RULES"]:
        import threading

        from plugins.einvoice.validator import warm

        # Compile the rules (~2 s) beside start-up, not inside the first finalize.
        threading.Thread(target=warm, name="einvoice-warm", daemon=True).start()


@hookimpl
def register_permissions():
    from plugins.einvoice.permissions import PERMISSIONS

    return PERMISSIONS


@hookimpl
def register_blueprints(app):
    from plugins.einvoice.api import bp

    app.register_blueprint(bp)


@hookimpl
def register_commands(cli):
    from plugins.einvoice.cli import group

    cli.add_command(group)


@hookimpl
def register_models():
    from plugins.einvoice.models import MODELS

    return MODELS


@hookimpl
def einvoice_xml_profiles():
    from plugins.einvoice.ubl import BUILTIN_PROFILES

    return list(BUILTIN_PROFILES.values())


@hookimpl
def code_labels():
    from plugins.einvoice.labels import code_labels

    return code_labels()
