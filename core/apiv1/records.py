"""The bodies every record resource of the JSON API shares: create, read, versioned update.

A view keeps its route, permission and ``describe`` (its contract) and hands the rest over::

    return create_record(customers.create, s.customer, commit)
    return read_record(get_or_404(Customer, customer_id), s.customer)
    return update_record(get_or_404(Customer, customer_id), s.customer, customers.update, commit)

``commit`` is the plugin's own (``core.api.commit`` with its trigger refusals), default core's.
A resource whose three routes are nothing more than that declares them once with
``record_routes`` (``core.apiv1.record_routes``), as ``transition_routes`` does its actions.
"""

from __future__ import annotations

from core.access import company_id
from core.apiv1.body import json_body
from core.commit import commit as core_commit
from core.db import db
from core.versioning import Versioned, check_version, if_match, with_etag


def create_record(make, serialize, commit=core_commit):
    """``POST``: ``make(company_id(), body)``, commit, 201 with the record (and its ``ETag``)."""
    record = make(company_id(), json_body())
    commit()
    return read_record(record, serialize, 201)


def read_record(record, serialize, status: int = 200):
    """The record's JSON; a versioned record carries its version as ``ETag``."""
    if isinstance(record, Versioned):
        return with_etag(serialize(record), record, status)
    return serialize(record), status


def update_record(record, serialize, change, commit=core_commit, *, locks: bool = False):
    """``PATCH``: 409 ``stale_version`` against ``If-Match``, ``change(record, body)``, commit,
    and the record as stored (re-read: the database may have set columns) with its new ETag.

    ``locks``: the change locks the row and checks the version on what the lock returned
    (``change(record, body, if_match(), serialize)``), after its own state checks."""
    if locks:
        record = change(record, json_body(), if_match(), serialize)
    else:
        check_version(record, if_match(), serialize)
        change(record, json_body())
    commit()
    db.session.refresh(record)
    return read_record(record, serialize)
