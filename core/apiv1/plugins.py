"""/api/v1 plugins routes."""

from core.apiv1 import bp  # noqa: F401
