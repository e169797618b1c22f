"""UBL 2.1 generation: one common writer and one module per profile.

    from plugins.einvoice.ubl import BUILTIN_PROFILES, ProfileError
    xml = BUILTIN_PROFILES["pint-ae"].build(document)

Other plugins add profiles through the ``einvoice_xml_profiles`` hook.
"""

from plugins.einvoice.ubl.builder import ProfileError
from plugins.einvoice.ubl.peppol import PROFILE as PEPPOL
from plugins.einvoice.ubl.pint_ae import PROFILE as PINT_AE
from plugins.einvoice.ubl.profile import Profile

PROFILES = (PEPPOL, PINT_AE)  # the einvoice_xml_profiles answer of this plugin
BUILTIN_PROFILES = {profile.name: profile for profile in PROFILES}

__all__ = ["BUILTIN_PROFILES", "PEPPOL", "PINT_AE", "PROFILES", "Profile", "ProfileError"]
