from core.api import Manifest, hookimpl

MANIFEST = Manifest(name="fx_typo", version="1.0.0")


@hookimpl
def register_blueprint(app):  # misspelt on purpose: the hook is register_blueprints
    pass
