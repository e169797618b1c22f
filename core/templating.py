"""Template lookup and the one HTMX rendering helper.

Lookup order: the app's ``templates/`` (overrides), then each enabled plugin's ``templates/``.
``"<plugin>:path"`` always reaches the plugin's own file, so an override can extend it.
"""

from __future__ import annotations

from flask import current_app, flash, make_response, request
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, nodes
from jinja2_fragments import render_block
from markupsafe import Markup

from core.access import may


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
    # may("plugin.thing.write"): show a link or button only to whom it will not answer 403
    # (a global, so macros imported without context can ask too).
    app.jinja_env.globals["may"] = may
    app.context_processor(_shell_context)


def is_htmx() -> bool:
    """A fragment request: HTMX, but not a boosted navigation (which wants the whole page)."""
    return request.headers.get("HX-Request") == "true" and "HX-Boosted" not in request.headers


def render(
    template: str,
    block: str = "content",
    status: int = 200,
    notice=None,
    refusal=None,
    **context,
):
    """Render a full page, or only ``block`` of it for an HTMX request.

    ``notice`` (a success message), ``refusal`` (why the user's action was refused) and
    anything ``flash()``-ed in this request are shown in the page's message area, outside
    every fragment: an HTMX answer to a form carries that area out of band. So a fragment that
    re-fetches itself on a live event (the page that made the change hears its own too, and a
    colleague's may come at any time) does not wipe the confirmation or the refusal."""
    if notice:
        flash(str(notice), "success")
    if refusal:
        flash(str(refusal), "error")
    env = current_app.jinja_env
    current_app.update_template_context(context)
    if is_htmx():
        body = render_block(env, template, block, {**_imports(env, template, context), **context})
        if request.method != "GET":  # a user's action: its messages replace the last ones
            body += env.get_template("core/_flashes.html").render(oob=True)
    else:
        body = env.get_template(template).render(context)
    response = make_response(body, status)
    response.vary.add("HX-Request")
    return response


def _imports(env, template: str, context: dict) -> dict:
    """The names a template's top-level ``{% import %}`` / ``{% from ... import %}`` define.

    A block rendered alone (jinja2-fragments) skips the template's top level, where these
    statements run, so ``ui.field`` would be undefined in an HTMX fragment; they are
    evaluated here instead: without context, as Jinja imports them by default, or with the
    page's context for an ``import ... with context``."""
    compiled = env.get_template(template)
    statements = getattr(compiled, "_ledgerline_imports", None)
    if statements is None:  # parsed once per loaded template (a reload loads a new one)
        source = env.loader.get_source(env, template)[0]
        statements = [
            node
            for node in env.parse(source).body
            if isinstance(node, nodes.Import | nodes.FromImport)
            and isinstance(node.template, nodes.Const)
        ]
        compiled._ledgerline_imports = statements
    names = {}
    for node in statements:
        imported = env.get_template(node.template.value)
        module = imported.make_module(context) if node.with_context else imported.module
        if isinstance(node, nodes.Import):
            names[node.target] = module
            continue
        for name in node.names:
            source_name, alias = name if isinstance(name, tuple) else (name, name)
            names[alias] = getattr(module, source_name)
    return names


def slot(name: str, **context) -> Markup:
    plugins = current_app.extensions["ledgerline.plugins"]
    parts = plugins.hook.render_slot(slot=name, context=context)
    return Markup("").join(Markup(p) if not isinstance(p, Markup) else p for p in parts if p)


def _shell_context() -> dict:
    from core.requestctx import current_actor
    from core.shell import menu_for

    actor = current_actor()
    return {"actor": actor, "menu": menu_for(actor)}
