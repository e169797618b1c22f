"""The one module plugins import from. Everything here is a stable, documented contract."""

from flask_babel import gettext, lazy_gettext, lazy_ngettext, lazy_pgettext, ngettext, pgettext

from core.access import company_id, get_or_404, may, require, user_id
from core.actor import Actor
from core.apiv1.blueprint import api_blueprint
from core.apiv1.body import json_body
from core.apiv1.docs import NO_BODY, describe
from core.apiv1.guard import public, read_only_ok, require_permission, require_write
from core.apiv1.record_routes import RecordRoute, record_routes
from core.apiv1.records import create_record, read_record, update_record
from core.apiv1.settings_routes import settings_routes
from core.apiv1.transitions import Transition, transition_routes
from core.audit import last_editor
from core.audit import timeline as audit_timeline
from core.charts import bar_chart
from core.cli.common import verify_command
from core.commit import commit
from core.db import db
from core.downloads import file_response
from core.edit_page import EditPage, FormValues, attempt, merge_back, mount_edit
from core.edit_rooms import editable
from core.errors import ApiError, Conflict, DomainError, NotFound, Refused, ValidationFailed
from core.events import DomainEvent, on_commit, publish
from core.extensions import csrf, limiter, socketio
from core.hash_chain import ChainHeadMixin, ChainReport
from core.hash_chain import walk as walk_chain
from core.hookimpl import hookimpl
from core.i18n.documents import (
    Mirror,
    document_locale,
    document_timezone,
    load_fonts,
    written_in,
)
from core.i18n.field_errors import field_sentences
from core.i18n.fields import DateInputField, NumberField, normalize_date
from core.i18n.formatting import format_date, format_datetime, format_money, format_number
from core.i18n.labels import N_, label, labels, lazy_label, lazy_labels
from core.i18n.parsing import InputError, normalize_number, parse_date, parse_number
from core.i18n.sentences import record_pages
from core.i18n.status_words import status_word
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
    require_media_type,
    text_field,
    whole_number,
)
from core.jobs import JobContext, JobParamsInvalid, enqueue_job, validates_params
from core.jobs.queries import latest_job
from core.listing import Column as SortColumn
from core.listing import (
    Page,
    Sorting,
    SortKey,
    capped_count,
    csv_response,
    exact_count,
    id_order,
    join_own_company,
    xlsx_response,
)
from core.listing import batches as list_batches
from core.listing import fetch as fetch_page
from core.listing import run as read_rows
from core.listing.fields import badge_field, code_field, column_field, id_field, when_field
from core.listing.filters import record_filter, yes_no_filter
from core.listing.spec import Action as ListAction
from core.listing.spec import Field as ListField
from core.listing.spec import Filter as ListFilter
from core.listing.spec import ListSpec, label_filter, money_fields
from core.listing.views import list_page, mount_list
from core.locking import lock_checked, lock_for_update, lock_in, lock_or_404
from core.manifest import Manifest
from core.merge import StaleEdit, choices_from, merged
from core.merge import changes as field_changes
from core.merge import dump as dump_payload
from core.merge import load as load_payload
from core.models import Company
from core.money import ExactNumeric, MoneyOutOfRange
from core.offload import off_loop
from core.page_blueprint import page_blueprint
from core.pagination import paginate, plain_columns, plain_objects
from core.party import PartyMixin
from core.party_columns import downgrade_party_columns, upgrade_party_columns
from core.permissions import Permission
from core.plugin_hooks import hook
from core.plugin_parts import declare_parts
from core.realtime import company_room, emit, join_record_room, record_room, user_room
from core.record_page import record_page
from core.requestctx import correlation_id, current_actor
from core.sequences import next_number, next_value, upcoming_number
from core.shell import MenuItem, Widget
from core.stale_merge import StaleMerge, payload_form
from core.table_parts import AuthoredMixin, id_index, list_indexes
from core.templating import is_htmx, render
from core.tenancy import Scope, TenantMixin, TenantWriteRefused, get_scoped, scoped
from core.testing import app_for_tests, csrf_token, sign_in, user_for_tests
from core.timeutil import utcnow
from core.versioning import (
    StaleVersion,
    Versioned,
    apply_edit,
    bump_version,
    check_row_version,
    check_version,
    etag,
    form_version,
    if_match,
    row_version,
    with_etag,
)

_ = gettext  # the usual short name for translating a message

__all__ = [
    "lazy_label",
    "lazy_labels",
    "N_",
    "record_pages",
    "DateInputField",
    "InputError",
    "NumberField",
    "normalize_date",
    "normalize_number",
    "parse_date",
    "parse_number",
    "_",
    "format_date",
    "format_datetime",
    "format_money",
    "Mirror",
    "document_locale",
    "document_timezone",
    "field_sentences",
    "load_fonts",
    "written_in",
    "status_word",
    "format_number",
    "gettext",
    "label",
    "labels",
    "lazy_gettext",
    "lazy_ngettext",
    "lazy_pgettext",
    "ngettext",
    "pgettext",
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
    "Page",
    "PartyMixin",
    "upgrade_party_columns",
    "downgrade_party_columns",
    "Permission",
    "Refused",
    "Scope",
    "SortColumn",
    "SortKey",
    "Sorting",
    "StaleEdit",
    "StaleMerge",
    "EditPage",
    "FormValues",
    "StaleVersion",
    "TenantMixin",
    "AuthoredMixin",
    "ChainHeadMixin",
    "ChainReport",
    "walk_chain",
    "id_index",
    "id_order",
    "join_own_company",
    "list_indexes",
    "verify_command",
    "Transition",
    "TenantWriteRefused",
    "ValidationFailed",
    "Versioned",
    "Widget",
    "api_blueprint",
    "app_for_tests",
    "audit_timeline",
    "bar_chart",
    "commit",
    "company_id",
    "apply_edit",
    "bump_version",
    "capped_count",
    "check_row_version",
    "check_version",
    "choices_from",
    "company_room",
    "correlation_id",
    "csrf",
    "csrf_token",
    "csv_response",
    "current_actor",
    "create_record",
    "db",
    "declare_parts",
    "describe",
    "dump_payload",
    "editable",
    "emit",
    "enqueue_job",
    "etag",
    "exact_count",
    "exact_decimal",
    "fetch_page",
    "file_response",
    "field_changes",
    "form_version",
    "get_or_404",
    "get_scoped",
    "hook",
    "hookimpl",
    "idempotent",
    "if_match",
    "invalid_parameter",
    "is_htmx",
    "iso_date",
    "join_record_room",
    "json_body",
    "last_editor",
    "latest_job",
    "limiter",
    "list_batches",
    "list_page",
    "label_filter",
    "money_fields",
    "badge_field",
    "code_field",
    "column_field",
    "when_field",
    "id_field",
    "record_filter",
    "yes_no_filter",
    "mount_list",
    "mount_edit",
    "attempt",
    "merge_back",
    "payload_form",
    "ListAction",
    "ListField",
    "ListFilter",
    "ListSpec",
    "load_payload",
    "lock_checked",
    "lock_for_update",
    "lock_in",
    "lock_or_404",
    "may",
    "merged",
    "next_number",
    "next_value",
    "off_loop",
    "on_commit",
    "page_blueprint",
    "paginate",
    "plain_columns",
    "plain_objects",
    "public",
    "publish",
    "query_choice",
    "query_date",
    "query_id",
    "query_int",
    "read_rows",
    "read_only_ok",
    "require_media_type",
    "read_record",
    "RecordRoute",
    "record_routes",
    "record_page",
    "record_room",
    "render",
    "row_version",
    "require",
    "require_permission",
    "require_write",
    "scoped",
    "settings_routes",
    "sign_in",
    "socketio",
    "text_field",
    "transition_routes",
    "upcoming_number",
    "update_record",
    "user_for_tests",
    "user_id",
    "user_room",
    "utcnow",
    "validates_params",
    "whole_number",
    "xlsx_response",
    "with_etag",
]
