"""Stands in for a model: start-up reads only the table name before refusing it (a real
``db.Model`` would stay in the shared metadata for the rest of the test run)."""


class Gadget:
    __tablename__ = "gadget_unprefixed"
