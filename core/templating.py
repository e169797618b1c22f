"""Template lookup and the one HTMX rendering helper.

Lookup order: the app's ``templates/`` (overrides), then each enabled plugin's ``templates/``.
``"<plugin>:path"`` always reaches the plugin's own file, so an override can extend it.
"""

from __future__ import annotations

from flask import current_app, make_response, request
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from jinja2_fragments import render_block
from markupsafe import Markup


def init_app(app) -> None:
    plugins = app.extensions["ledgerline.plugins"].enabled()
    dirs = {p.name: FileSystemLoader(str(p.templates_dir)) for p in plugins}
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(app.template_folder),
            PrefixLoader(dirs, delimiter=":"),
            *dirs.values(),
        ]
    )
    app.jinja_env.globals["slot"] = slot
    app.context_processor(_shell_context)


def is_htmx() -> bool:
    """A fragment request: HTMX, but not a boosted navigation (which wants the whole page)."""
    return request.headers.get("HX-Request") == "true" and "HX-Boosted" not in request.headers


def render(template: str, block: str = "content", status: int = 200, **context):
    """Render a full page, or only ``block`` of it for an HTMX request."""
    env = current_app.jinja_env
    current_app.update_template_context(context)
    if is_htmx():
        body = render_block(env, template, block, **context)
    else:
        body = env.get_template(template).render(context)
    response = make_response(body, status)
    response.vary.add("HX-Request")
    return response


def slot(name: str, **context) -> Markup:
    plugins = current_app.extensions["ledgerline.plugins"]
    parts = plugins.hook.render_slot(slot=name, context=context)
    return Markup("").join(Markup(p) if not isinstance(p, Markup) else p for p in parts if p)


def _shell_context() -> dict:
    from core.requestctx import current_actor
    from core.shell import menu_for

    actor = current_actor()
    return {"actor": actor, "menu": menu_for(actor)}
