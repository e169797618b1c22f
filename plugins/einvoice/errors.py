"""The one error the public module raises for documents it cannot take in."""


class NotUBLError(ValueError):
    """Not well-formed XML, a DOCTYPE, or not a UBL 2.1 Invoice / CreditNote; str() says which."""
