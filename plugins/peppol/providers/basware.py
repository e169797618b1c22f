"""``basware``: placeholder until the adapter is written."""

from __future__ import annotations

from plugins.peppol.providers.base import Provider


class BaswareProvider(Provider):
    type = "basware"
    label = "Basware"
