"""What other plugins may use of invoicing: import it from here, never from its internals.

Plain re-exports; ``.importlinter`` refuses another plugin importing any other invoicing module.
"""

from plugins.invoicing import settlement
from plugins.invoicing.models import INVOICE, Customer, Invoice

__all__ = ["INVOICE", "Customer", "Invoice", "settlement"]
