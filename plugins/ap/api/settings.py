"""/api/v1/ap/settings: match tolerances, over-receipt tolerance, duplicate policy."""

from __future__ import annotations

from core.api import RecordRoute, settings_routes, user_id
from plugins.ap.api import bp
from plugins.ap.api.common import commit
from plugins.ap.api.schemas import SETTINGS, SETTINGS_IN
from plugins.ap.permissions import CHANGE_SETTINGS, READ
from plugins.ap.services import settings

settings_routes(
    bp, "/ap/settings", "ap_settings",
    row=settings.row, current=settings.current, serialize=settings.as_dict, tags=("ap",),
    response=SETTINGS, commit=commit,
    read=RecordRoute(READ, "The company's AP settings (defaults until changed); ``ETag`` is their "
                     "version\n(``\"0\"`` while they are the defaults)."),
    update=RecordRoute(CHANGE_SETTINGS, 'Change some settings. Tolerances are "the greater of P % '
                       'or A" (price in money, quantity\nin units); ``duplicate_policy`` is '
                       "``flag`` or ``block``; ``peppol_rules`` is ``enforce`` or\n``warn``. "
                       "Changing a match tolerance re-matches every open bill (job\n"
                       "``ap.rematch_open_bills``).",
                       lambda company, body: settings.update_and_rematch(company, body, user_id()),
                       SETTINGS_IN),
)  # fmt: skip
