"""Invoicing: customers, invoices and credit notes with a hash chain and signatures."""

from __future__ import annotations

from importlib.util import find_spec

from core.api import Manifest, hookimpl

# TEMPORARY until the domain engineer's hookspecs.py lands: load without it meanwhile.
_HOOKSPECS = "plugins.invoicing.hookspecs"

MANIFEST = Manifest(
    name="invoicing",
    version="1.0.0",
    depends=(),
    hookspecs=_HOOKSPECS if find_spec(_HOOKSPECS) else None,
    summary="UAE e-invoices: lifecycle, hash chain, signatures, Peppol BIS 3.0 and PINT-AE",
)


@hookimpl
def register_models():
    from plugins.invoicing.models import MODELS

    return MODELS
