"""HTMX pages of the peppol plugin (blueprint "peppol" at /peppol)."""

from flask import Blueprint

bp = Blueprint("peppol", __name__, url_prefix="/peppol")

from plugins.peppol.views import pages  # noqa: E402,F401  (routes)
