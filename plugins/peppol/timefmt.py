"""Timestamps in JSON: naive UTC datetimes as ISO 8601 with a Z."""

from __future__ import annotations


def iso(value):
    return value.isoformat() + "Z" if value else None
