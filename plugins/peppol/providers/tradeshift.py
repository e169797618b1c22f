"""``tradeshift``: placeholder until the adapter is written."""

from __future__ import annotations

from plugins.peppol.providers.base import Provider


class TradeshiftProvider(Provider):
    type = "tradeshift"
    label = "Tradeshift"
