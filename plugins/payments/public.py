"""What other plugins may use of payments: import it from here, never from its internals.

Plain re-exports (``.importlinter`` refuses any other payments module to another plugin):
recording and reversing an invoice payment made elsewhere (a chain watcher, a provider) and
the company's overpayment policy.
"""

from plugins.payments import external
from plugins.payments.external import keeps_credit, record_invoice_payment, reverse_payment

__all__ = ["external", "keeps_credit", "record_invoice_payment", "reverse_payment"]
