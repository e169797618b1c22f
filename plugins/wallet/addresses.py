"""The next receiving address of a company: HD derivation or a Tempo virtual address.

The derivation index is taken under the settings row's lock and stored with the request, so
two requests never share an address and no wallet ever needs gap scanning to find it.
"""

from __future__ import annotations

from plugins.wallet import keys, settings, virtual
from plugins.wallet.models import HD


def next_address(company_id: int, config: dict) -> tuple[str, int]:
    row = settings.row(company_id, lock=True)
    index = row.next_index
    row.next_index = index + 1
    if config["mode"] == HD:
        return keys.derive(config["xpub"], index), index
    return virtual.address(config["master_id"], index), index
