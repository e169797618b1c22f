"""The one module plugins import from. Everything here is a stable, documented contract."""

from core.actor import Actor
from core.apiv1.blueprint import api_blueprint
from core.apiv1.body import json_body
from core.apiv1.docs import NO_BODY, describe
from core.apiv1.guard import public, read_only_ok, require_permission, require_write
from core.audit import timeline as audit_timeline
from core.charts import bar_chart
from core.db import db
from core.errors import ApiError, Conflict, DomainError, NotFound, Refused, ValidationFailed
from core.events import DomainEvent, on_commit, publish
from core.extensions import csrf, limiter, socketio
from core.hookimpl import hookimpl
from core.idempotency import idempotent
from core.inputs import (
    MAX_ID,
    MAX_INT,
    FieldErrors,
    exact_decimal,
    invalid_parameter,
    iso_date,
    query_choice,
    query_date,
    query_id,
    query_int,
    text_field,
    whole_number,
)
from core.jobs import JobContext, JobParamsInvalid, enqueue_job, validates_params
from core.locking import lock_for_update
from core.manifest import Manifest
from core.models import Company
from core.money import ExactNumeric, MoneyOutOfRange
from core.pagination import paginate
from core.permissions import Permission
from core.plugin_hooks import hook
from core.realtime import company_room, emit, join_record_room, record_room, user_room
from core.requestctx import correlation_id, current_actor
from core.sequences import next_number, next_value
from core.shell import MenuItem, Widget
from core.templating import is_htmx, render
from core.tenancy import Scope, TenantMixin, TenantWriteRefused, get_or_404, get_scoped, scoped
from core.testing import app_for_tests, csrf_token, sign_in, user_for_tests
from core.timeutil import utcnow

__all__ = [
    "Actor",
    "ApiError",
    "Company",
    "Conflict",
    "DomainError",
    "DomainEvent",
    "ExactNumeric",
    "FieldErrors",
    "JobContext",
    "JobParamsInvalid",
    "MAX_ID",
    "MAX_INT",
    "Manifest",
    "MenuItem",
    "MoneyOutOfRange",
    "NO_BODY",
    "NotFound",
    "Permission",
    "Refused",
    "Scope",
    "TenantMixin",
    "TenantWriteRefused",
    "ValidationFailed",
    "Widget",
    "api_blueprint",
    "app_for_tests",
    "audit_timeline",
    "bar_chart",
    "company_room",
    "correlation_id",
    "csrf",
    "csrf_token",
    "current_actor",
    "db",
    "describe",
    "emit",
    "enqueue_job",
    "exact_decimal",
    "get_or_404",
    "get_scoped",
    "hook",
    "hookimpl",
    "idempotent",
    "invalid_parameter",
    "is_htmx",
    "iso_date",
    "join_record_room",
    "json_body",
    "limiter",
    "lock_for_update",
    "next_number",
    "next_value",
    "on_commit",
    "paginate",
    "public",
    "publish",
    "query_choice",
    "query_date",
    "query_id",
    "query_int",
    "read_only_ok",
    "record_room",
    "render",
    "require_permission",
    "require_write",
    "scoped",
    "sign_in",
    "socketio",
    "text_field",
    "user_for_tests",
    "user_room",
    "utcnow",
    "validates_params",
    "whole_number",
]
