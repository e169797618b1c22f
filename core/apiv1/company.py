"""/api/v1 company routes."""

from core.apiv1 import bp  # noqa: F401
