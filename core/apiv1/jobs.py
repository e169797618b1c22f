"""/api/v1 jobs routes."""

from core.apiv1 import bp  # noqa: F401
