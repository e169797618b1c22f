"""``/api/v1`` routes of the peppol plugin (blueprint "peppol_api")."""

from core.api import api_blueprint

bp = api_blueprint("peppol_api", __name__)

from plugins.peppol.api import (  # noqa: E402,F401  (routes)
    health,
    inbox,
    participants,
    providers,
    settings,
    transmissions,
    webhooks,
)
