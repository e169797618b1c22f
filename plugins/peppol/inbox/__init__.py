"""The inbound pipeline: fetch every provider inbox, validate, de-duplicate, import or
forward, and acknowledge to the provider only after the database commit."""

from plugins.peppol.inbox.run import FETCH_JOB, fetch_inbox

__all__ = ["FETCH_JOB", "fetch_inbox"]
