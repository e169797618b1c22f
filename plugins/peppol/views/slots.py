"""Peppol panels inside invoicing's pages (template slots)."""

from __future__ import annotations


def render_slot(slot, context):
    return None
