"""The stale save of any edit form, in one place: refuse it with the merge page, then save the
user's choices against the version stored now.

An edit form carries ``_version`` (the record's version when the page was opened) and
``_original`` (what the form showed then, ``core.merge.dump``). Each kind of record describes
itself once with a ``StaleMerge`` (how its form sees a record, which form class reads a
payload, where its pages are); the edit view then asks:

* ``refusal(record, mine)``: the merge page (409) when the record was saved since the form was
  opened, else None and the save goes on;
* ``save_merged(record, write, failed, done)``: the merge form's answer, saved (``write``)
  against the version it showed, or the merge page again when the record moved on once more.

A form page does all of this through ``core.edit_page.EditPage``. Values are compared as
the form sends them (``core.merge``), the page is
``templates/core/stale_page.html`` (an htmx form gets it with 200, which htmx swaps in).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import make_response, redirect, request

from core.audit import last_editor
from core.merge import StaleEdit, changes, choices_from, dump, load, merged
from core.templating import is_htmx, render
from core.versioning import form_version


def _as_is(name: str, value):
    return value


def _same(form):
    return form


def payload_form(form_class, prepare: Callable = _same):
    """``StaleMerge.form`` for a WTForms form class: a form holding a payload (no request
    data, no CSRF), through ``prepare`` (choices the form needs)."""
    return lambda payload: prepare(form_class(formdata=None, data=payload, meta={"csrf": False}))


def go(url: str):
    """Leave for ``url``: a 303, or for an htmx form a client-side redirect (``HX-Redirect``),
    so a whole page is not swapped into the form."""
    if is_htmx():
        response = make_response("", 200)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url, 303)


@dataclass(frozen=True)
class StaleMerge:
    """How one kind of record's edit form meets a stale save (see the module doc)."""

    kind: str  # the audit log's record kind: who saved last ("customer", "invoice")
    snapshot: Callable[[Any], dict]  # the record as its edit form holds it
    form: Callable[[dict], Any]  # a form holding a payload (labels; the merged save)
    edit_url: Callable[[Any], str]
    back_url: Callable[[Any], str]  # the record's page (also: nothing to merge after all)
    back_label: Callable[[Any], str]
    reload_url: Callable[[Any], str] | None = None  # "start again": the edit page by default
    show: Callable[[str, object], object] = _as_is  # a value as the merge page shows it
    company_of: Callable[[Any], int] = lambda record: record.company_id
    # Field names as the page says them; by default the form's labels.
    labels: Callable[[Any], Callable[[str], str]] | None = None

    def label(self, record, form) -> Callable[[str], str]:
        if self.labels is not None:
            return self.labels(record)
        return lambda name: form[name].label.text if name in form else name.replace("_", " ")

    def is_stale(self, record) -> bool:
        opened = form_version(request.form.get("_version"))
        return opened is not None and opened != record.version

    def refusal(self, record, mine: dict):
        """The merge page when the form was opened at an older version, else None.

        "See their changes" (``_compare``, the live notice's button) never saves: when there
        is nothing to compare after all, the edit page is opened afresh."""
        if not self.is_stale(record):
            if request.form.get("_compare"):
                return go((self.reload_url or self.edit_url)(record))
            return None
        return self.page(record, load(request.form.get("_original")), mine)

    def page(self, record, original: dict, mine: dict):
        """What changed, field by field, nothing saved; when they saved exactly what this user
        typed, nothing is lost: on to the record."""
        theirs = self.snapshot(record)
        found = changes(original, mine, theirs, self.label(record, self.form(mine)))
        if not found:
            return go(self.back_url(record))
        stale = StaleEdit(
            changes=found,
            version=record.version,
            mine=mine,
            theirs=theirs,
            action=self.edit_url(record),
            reload_url=(self.reload_url or self.edit_url)(record),
            show=self.show,
            saved_by=last_editor(self.kind, record.id, self.company_of(record)),
        )
        return render(
            "core/stale_page.html",
            status=200 if is_htmx() else 409,
            stale=stale,
            back_url=self.back_url(record),
            back_label=self.back_label(record),
        )

    def merged_payload(self, record) -> tuple[dict, dict, Any]:
        """The merge form's choices: (payload, theirs, None), or (.., .., the merge page again)
        when the record was saved once more since the merge page was shown."""
        theirs = load(request.form.get("_theirs"))
        payload = merged(load(request.form.get("_mine")), theirs, choices_from(request.form))
        if form_version(request.form.get("_version")) != record.version:
            return payload, theirs, self.page(record, theirs, payload)
        return payload, theirs, None

    def save_merged(
        self,
        record,
        write: Callable[[Any, dict], object | None],
        failed: Callable[[Any, str], Any],
        done: Callable[[], Any],
    ):
        """Save the merge form's answer: ``write(form, payload)`` (None when refused: then
        ``failed(form, original_json)`` shows the form again), then ``done()``."""
        payload, theirs, again = self.merged_payload(record)
        if again is not None:
            return again
        form = self.form(payload)
        if write(form, payload) is None:
            return failed(form, dump(theirs))
        return done()
