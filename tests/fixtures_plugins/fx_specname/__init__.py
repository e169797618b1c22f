"""Fixture: implements register_models under another function name (pluggy's ``specname``)
and returns a table without the plugin's prefix: start-up must still refuse it."""

from core.api import Manifest, hookimpl

MANIFEST = Manifest(name="fx_specname", version="0.1.0", summary="Fixture: specname models")


@hookimpl(specname="register_models")
def models_of_this_plugin():
    from tests.fixtures_plugins.fx_specname.models import Gadget

    return [Gadget]
