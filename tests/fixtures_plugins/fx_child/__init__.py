from core.api import Manifest, hookimpl

MANIFEST = Manifest(
    name="fx_child", version="0.9.0", summary="Fixture: needs fx_base", depends=("fx_base",)
)


@hookimpl
def menu_items(actor):
    return []
