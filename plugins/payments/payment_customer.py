"""A payment list's customer: its name read from a LEFT JOIN of the customer table on the
payment's own company.

Joining the ``Customer`` entity lets the session's tenant filter add
``invoicing_customer.company_id = :company`` to the join: with that constant on the joined
table, SQLite (once ANALYZEd, when a company's payments outnumber the customers) builds a
Bloom filter over the customers for every page it serves, a cost growing with every
company's customers, not with the page. Here the customer must have the payment's
``company_id``, which the tenant filter (or the archive view's own company condition)
already narrows: a customer of another company is never read, each payment's customer is a
primary-key lookup, and a count that reads no customer column drops the join. Sort on
:data:`CUSTOMER_NAME` (a column of the table): ``Customer.name`` would bring the filter back.
"""

from __future__ import annotations

from sqlalchemy import and_

from plugins.invoicing.public import Customer

CUSTOMERS = Customer.__table__
CUSTOMER_NAME = CUSTOMERS.c.name.label("customer")


def with_customer(query, model):
    """``query`` (of payments, live or with the archived: ``model``) with each payment's
    customer of the same company joined."""
    same = and_(CUSTOMERS.c.id == model.customer_id, CUSTOMERS.c.company_id == model.company_id)
    return query.outerjoin_from(model, CUSTOMERS, same)
