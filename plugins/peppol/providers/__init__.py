"""Provider adapters: the built-in ones, and the registry the ``peppol_providers`` hook feeds."""

from plugins.peppol.providers.basware import BaswareProvider
from plugins.peppol.providers.http_forward import HttpForwardProvider
from plugins.peppol.providers.mock import MockProvider
from plugins.peppol.providers.tradeshift import TradeshiftProvider

BUILTIN = (MockProvider, HttpForwardProvider, TradeshiftProvider, BaswareProvider)
