from core.api import Manifest

MANIFEST = Manifest(name="fx_cycle_b", version="1.0.0", depends=("fx_cycle_a",))
