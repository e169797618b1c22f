"""A versioned record's new and edit pages, declared once: ``EditPage`` and ``mount_edit``.

Every edit page of a versioned record does the same: show the form (with the version it was
opened at and what it showed, ``_version``/``_original``), answer a save against an older
version with core's merge page (``StaleMerge.refusal``), save the merge page's answer against
the version it showed (``StaleMerge.save_merged``), show the form again with a refusal's
reasons (422, keeping the version and original the user opened) and go on after a save. A
plugin says what differs (its form, its service call, its template, where to go) and
``mount_edit`` adds the routes.

The form is whatever ``form(record)`` gives: a WTForms form (``payload()``, ``validate()``;
its own errors), or ``FormValues`` for a page that reads ``request.form`` itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import flash, redirect, request
from flask_login import login_required

from core.access import require
from core.db import db
from core.errors import DomainError
from core.merge import dump
from core.stale_merge import StaleMerge
from core.templating import render
from core.versioning import form_version


@dataclass
class FormValues:
    """A form without a form class: the values it holds and the errors its save left."""

    values: dict
    errors: dict = field(default_factory=dict)

    def payload(self) -> dict:
        return self.values

    def validate(self) -> bool:
        return True

    @staticmethod
    def posted(read: Callable[[], dict], snapshot: Callable[[Any], dict]):
        """``EditPage.form`` for such a page: what was posted (``read()``), else the record's
        values (``snapshot(record)``; nothing on a new record's page)."""

        def values(record) -> dict:
            if request.method == "POST":
                return read()
            return snapshot(record) if record is not None else {}

        return lambda record: FormValues(values(record))

    def refuse(self, exc: DomainError, field: str = "form") -> None:
        """A service's refusal as the page's errors: the fields it names, else its message."""
        self.errors = exc.details.get("fields", {}) or {field: exc.message}


def attempt(write: Callable[[], Any], commit: Callable[[], None], refused: Callable):
    """``write()`` then ``commit()``: what ``write`` gave; on a ``DomainError`` the transaction
    is rolled back, ``refused(exc)`` told, and None given."""
    try:
        result = write()
        commit()
    except DomainError as exc:
        db.session.rollback()
        refused(exc)
        return None
    return result


def flash_refusal(exc: DomainError) -> None:
    flash(exc.message, "error")


def merge_back(
    merge: StaleMerge,
    record,
    apply: Callable[[dict], Any],
    commit,
    saved: str | None = None,
    refused: Callable[[DomainError], None] = flash_refusal,
):
    """The merge page's answer on a page with no form of its own to show again (settings, a
    review page): ``apply(payload)`` and commit, a refusal told (``refused``: flashed); back
    to the record's page either way (``saved`` flashed when saved and given)."""
    back = merge.back_url(record)

    def write(form, payload):
        done = attempt(lambda: apply(payload) or True, commit, refused)
        return record if done else None

    def done():
        if saved is not None:
            flash(saved, "success")
        return redirect(back, 303)

    return merge.save_merged(record, write, lambda form, original: redirect(back, 303), done)


def _payload(form, record) -> dict:
    return form.payload()


def _valid(form) -> bool:
    return form.validate()


def _nothing(form, record) -> dict:
    return {}


@dataclass(frozen=True)
class EditPage:
    """One kind of record's new/edit pages (see the module doc)."""

    name: str  # the endpoints: ``<name>_edit`` and ``<name>_new``
    permission: str  # required to open or save either page
    merge: StaleMerge  # the record's stale-save merge (also: its form snapshot)
    load: Callable[[Any], Any]  # the record by id, or 404 (409: not editable); read again
    form: Callable[[Any], Any]  # the page's form for a record (None: a new one)
    # Save: (form, record or None, payload) → the saved record, or None when refused (the
    # reasons on the form; the transaction rolled back).
    write: Callable[[Any, Any, dict], Any]
    template: str  # the page: gets ``form``, the record (as ``record_as``), version, original
    record_as: str  # the record's name in the template (None on the new page)
    done: Callable[[Any], Any]  # after a save: the record → where the user goes
    created: Callable[[Any], Any] | None = None  # after a new record (default: ``done``)
    payload: Callable[[Any, Any], dict] = _payload  # (form, record) → what is compared, saved
    valid: Callable[[Any], bool] = _valid  # checked before a save (not a merged one)
    context: Callable[[Any, Any], dict] = _nothing  # (form, record) → more for the template

    def page(self, form, record, status=200, version=None, original=None):
        """The form; a record's page carries the version and what it showed (kept across a
        refused save)."""
        if record is not None:
            version = version if version is not None else record.version
            original = original or dump(self.merge.snapshot(record))
        shown = {"form": form, self.record_as: record, "version": version, "original": original}
        return render(self.template, status=status, **(shown | self.context(form, record)))

    def new(self):
        require(self.permission)
        form = self.form(None)
        if request.method != "POST":
            return self.page(form, None)
        saved = self._save(form, None)
        if saved is None:
            return self.page(form, None, 422)
        return (self.created or self.done)(saved)

    def edit(self, ident):
        require(self.permission)
        record = self.load(ident)
        if request.method == "POST" and request.form.get("_merge"):
            return self._merged(record, ident)
        form = self.form(record)
        if request.method != "POST":
            return self.page(form, record)
        opened, original = form_version(request.form.get("_version")), request.form.get("_original")
        if refused := self.merge.refusal(record, self.payload(form, record)):
            return refused
        if self._save(form, record) is None:
            return self.page(form, self.load(ident), 422, opened, original)
        return self.done(record)

    def _save(self, form, record):
        if not self.valid(form):
            return None
        return self.write(form, record, self.payload(form, record))

    def _merged(self, record, ident):
        """The merge page's answer: the chosen values saved against the version it showed."""

        def failed(form, original):
            return self.page(form, self.load(ident), 422, original=original)

        return self.merge.save_merged(
            record,
            lambda form, payload: self.write(form, record, payload),
            failed,
            lambda: self.done(record),
        )


def mount_edit(bp, page: EditPage, edit: str, new: str | None = None) -> None:
    """Add ``<page.name>_edit`` at ``edit`` (a path with the record's id, any name) and, when
    given, ``<page.name>_new`` at ``new``; both GET and POST, login required."""

    def edit_view(**ident):
        (value,) = ident.values()
        return page.edit(value)

    methods = ["GET", "POST"]
    bp.add_url_rule(edit, f"{page.name}_edit", login_required(edit_view), methods=methods)
    if new is not None:
        bp.add_url_rule(new, f"{page.name}_new", login_required(page.new), methods=methods)
