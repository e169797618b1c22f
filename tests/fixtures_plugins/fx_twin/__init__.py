from core.api import Manifest

# Claims the name of another plugin: start-up must refuse the duplicate.
MANIFEST = Manifest(name="fx_base", version="9.9.9")
