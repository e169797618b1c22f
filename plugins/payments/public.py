"""What other plugins may use of payments: import it from here, never from its internals.

Plain re-exports (``.importlinter`` refuses any other payments module to another plugin):
recording and reversing an invoice payment made elsewhere (a chain watcher, a provider) and
the company's overpayment policy; ``payment_methods()``, the method codes (built-in and from
``payments_methods`` hooks) that AP also offers for paying vendor bills.
"""

from plugins.payments import external
from plugins.payments.external import keeps_credit, record_invoice_payment, reverse_payment
from plugins.payments.services.methods import allowed as payment_methods

__all__ = [
    "external",
    "keeps_credit",
    "payment_methods",
    "record_invoice_payment",
    "reverse_payment",
]
