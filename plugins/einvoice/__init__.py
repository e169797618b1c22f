"""E-invoice formats for every plugin: official-rule validation, UBL reading and writing."""

from __future__ import annotations

from core.api import Manifest, declare_parts, hookimpl
from core.api import lazy_gettext as _l

MANIFEST = Manifest(
    name="einvoice",
    version="1.0.0",
    depends=(),
    hookspecs="plugins.einvoice.hookspecs",
    summary=_l(
        "UBL 2.1 e-invoices: official Peppol BIS 3.0 / PINT-AE rules, UBL writers and reader"
    ),
)


declare_parts(
    __name__,
    register_models="plugins.einvoice.models:MODELS",
    register_permissions="plugins.einvoice.permissions:PERMISSIONS",
    register_blueprints="plugins.einvoice.api:bp",
    register_commands="plugins.einvoice.cli:group",
    einvoice_xml_profiles="plugins.einvoice.ubl:PROFILES",
    code_labels="plugins.einvoice.labels:code_labels",
    config_defaults={"EINVOICE_MAX_DOCUMENT_BYTES": 5 * 1024 * 1024, "EINVOICE_WARM_RULES": False},
)


@hookimpl
def init_app(app):
    if app.config["EINVOICE_WARM_RULES"]:
        import threading

        from plugins.einvoice.validator import warm

        # Compile the rules (~2 s) beside start-up, not inside the first finalize.
        threading.Thread(target=warm, name="einvoice-warm", daemon=True).start()
