"""The plugin contract: every hook Ledgerline calls, one docstring-only function each.

Hooks are always called with keyword arguments. A hookimpl may accept any subset of the
parameters named here, and must never give a parameter a default value.
The hook reference in ``docs/plugins.md`` is checked against this module by a test.
"""

import pluggy

hookspec = pluggy.HookspecMarker("ledgerline")


@hookspec
def config_defaults():
    """Return ``{KEY: default}`` for the plugin's settings.

    Core sets each key the app's configuration (file, ``LEDGERLINE_*`` environment, test
    config) does not already have, before any ``init_app`` runs.
    """


@hookspec
def init_app(app):
    """Configure the Flask ``app``: config defaults, template filters, request handlers.

    Runs once at start-up, dependencies first, before models and blueprints are registered.
    """


@hookspec
def register_models():
    """Return a list of SQLAlchemy model classes owned by the plugin.

    Core checks that each table name starts with ``<plugin>_`` and that every business model
    carries ``company_id`` (mix in ``core.api.TenantMixin``).
    """


@hookspec
def register_blueprints(app):
    """Register Flask blueprints on ``app``: HTMX pages and ``/api/v1`` routes."""


@hookspec
def register_socketio_namespaces(socketio):
    """Register Socket.IO event handlers or namespaces on ``socketio``.

    Handlers run with the connection's actor in ``core.api.current_actor()`` and must check
    permissions themselves; use ``core.api.join_record_room`` for record rooms.
    """


@hookspec
def register_commands(cli):
    """Add ``click`` commands or groups to the ``flask`` command line (``cli`` is app.cli)."""


@hookspec
def register_permissions():
    """Return a list of ``core.api.Permission`` objects the plugin introduces.

    Each names the roles it belongs to (``COMPANY_ADMIN``, ``FINANCE_USER``); SUPER_ADMIN
    always gets read access only.
    """


@hookspec
def menu_items(actor):
    """Return a list of ``core.api.MenuItem`` shown in the navigation for ``actor``."""


@hookspec
def dashboard_widgets(actor):
    """Return a list of ``core.api.Widget`` (title + HTML) shown on the dashboard for ``actor``."""


@hookspec
def render_slot(slot, context):
    """Return HTML (``markupsafe.Markup`` or str) for the named template ``slot``, or None.

    Templates call ``{{ slot("invoicing.invoice.actions", invoice=inv) }}``; every plugin's
    answer is joined in dependency order.
    """


@hookspec(firstresult=True)
def identify_actor(request, auth):
    """Return a ``core.api.Actor`` for an HTTP request or a Socket.IO connect, or None.

    ``auth`` is the Socket.IO ``auth`` dict on connect and None for HTTP. The first non-None
    answer wins; core's own implementation (session or Bearer API token) runs last.
    """


@hookspec
def handle_event(event):
    """React to a domain event (``core.api.DomainEvent``) published with ``core.api.publish``.

    Core wraps this hook to write the audit log, so every state change leaves a trace.
    """


@hookspec
def job_types():
    """Return a dict ``{name: callable(ctx, **params)}`` of background job types.

    ``ctx`` is a ``core.api.JobContext``: ``ctx.params``, ``ctx.company_id``,
    ``ctx.set_total(n)`` and ``ctx.advance(ok=1, failed=0, error=None)`` (which may commit:
    call it after each finished chunk). Start one with ``core.api.enqueue_job``; an exception
    fails the job with its message. A returned dict becomes the job's ``result``.
    """


@hookspec
def seed_demo(company):
    """Add the plugin's demo records for ``company`` (a ``core.models.Company``).

    Called by ``flask demo`` once per demo company, after core has created the companies and
    users, inside the unscoped CLI session; core commits afterwards. Must be idempotent:
    running ``flask demo`` twice must not create anything twice.
    """


@hookspec(firstresult=True)
def authorize_room(actor, kind, record_id):
    """Say whether ``actor`` may join the Socket.IO room ``"<kind>:<record_id>"``.

    A browser joins record rooms (``invoice:12``) to receive that record's events and presence.
    Return True or False for the ``kind`` your plugin owns, None for any other kind. The check
    runs with the actor's tenant scope set, so loading the record through the ORM already
    hides other companies' rows. ``record_id`` is an int when it is all digits, else a str.
    Nobody answering means refused. Core decides its own kinds (``company``, ``user``) itself;
    they never reach this hook.
    """


@hookspec
def job_schedules():
    """Return ``{job_type_name: crontab_kwargs}`` for job types the worker starts by itself.

    ``crontab_kwargs`` are Huey ``crontab`` arguments, e.g. ``{"minute": "15", "hour": "1"}``
    for 01:15 every day. Scheduled runs are recorded with type "scheduled" and no company
    (the job covers every company) and are not offered on the Run button.
    """


@hookspec
def code_labels():
    """Return ``{kind: {code: label}}``: human labels for the codes the plugin stores.

    Labels are lazy strings (``core.api.lazy_gettext("Bank transfer")``) so each reader sees
    them in their language; a kind may instead be a function ``(code, locale) -> str | None``.
    Templates show them with ``{{ code | label("kind") }}`` (the code as tooltip), Python with
    ``core.api.label(kind, code)``. Kinds are shared: two plugins may add codes to one kind.
    """


@hookspec(firstresult=True)
def record_url(record_type, record_id):
    """Return the URL of the page of a record the plugin owns, or None.

    ``record_type`` and ``record_id`` are those of its domain events (``"invoice"``, ``42``);
    sentences in the activity feed and record timelines link the record with it.
    """
