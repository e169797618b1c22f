from core.api import Manifest

MANIFEST = Manifest(name="fx_orphan", version="1.0.0", depends=("fx_missing",))
