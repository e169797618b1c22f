"""The ``invoicing.import_invoices`` job: validate the whole file, check the plan, then write.

Nothing is written unless every row is valid and the plan allows every invoice. Progress:
the total is known after the validation pass; the write pass advances it batch by batch.
"""

from __future__ import annotations

import logging

from core.api import (
    ApiError,
    DomainEvent,
    JobParamsInvalid,
    db,
    emit,
    publish,
    validates_params,
)
from core.api import gettext as _
from plugins.invoicing.importer import bounds, passes, readers, rows, storage, writer
from plugins.invoicing.importer.readers import ImportFileError
from plugins.invoicing.importer.report import Report
from plugins.invoicing.services import limits

JOB = "invoicing.import_invoices"
log = logging.getLogger("ledgerline.invoicing.import")


class ImportRefused(Exception):
    """The file has invalid rows; the job's result holds the row-level report."""


class ImportFailed(Exception):
    """Something went wrong on the server; the message is for users, the details in the log."""


# What users may read as the job's error: messages written for them, never a server path.
FOR_USERS = (ImportFileError, ImportRefused, ApiError)


def check_params(params: dict) -> dict:
    """When queued: the upload reference and format must be ones ``storage.save`` made."""
    if not storage.TOKEN.match(str(params.get("token", ""))):
        raise JobParamsInvalid({"token": "must be the reference of an uploaded file"})
    if params.get("format") not in (readers.CSV, readers.XLSX):
        raise JobParamsInvalid({"format": "must be csv or xlsx"})
    return params


@validates_params(check_params)
def import_invoices(ctx, token, format, filename=""):  # noqa: A002  (the param's name)
    """Import draft invoices from an uploaded CSV or XLSX file (all rows valid, or nothing)."""
    path = storage.path_of(ctx.company_id, token, format)
    if not path.exists():
        raise ImportFileError(_("The uploaded file is no longer there; upload it again."))
    try:
        return _run(ctx, path, format, filename)
    except FOR_USERS:
        raise
    except Exception as exc:
        log.exception("import job %s failed on %s", ctx.job_id, path)
        raise ImportFailed(
            f"The import failed because of a problem on our side; nothing was imported. "
            f"Try again later, or tell support the job number ({ctx.job_id})."
        ) from exc
    finally:
        _discard(path)  # the upload is only kept while its job runs


def _discard(path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:  # never hide the job's own outcome behind a failed clean-up
        log.exception("import upload %s could not be removed", path)


def _run(ctx, path, fmt, filename):
    customers = rows.Customers(ctx.company_id)
    # Validation reads only the file: no transaction may stay open meanwhile (on SQLite every
    # transaction holds the write lock, and a long file would stall every other request).
    db.session.commit()
    summary, report = passes.validate(
        path, fmt, customers, bounds.max_rows(), bounds.max_unpacked()
    )
    if report:
        _refuse(ctx, report, filename)
    limits.check_can_create(ctx.company_id, summary.invoices)
    ctx.set_total(summary.rows)
    try:
        _write(ctx, path, fmt, customers, summary.invoices)
    except FOR_USERS:
        writer.undo(ctx.job_id)  # e.g. the plan: invoices created between its batches
        raise
    except Exception:
        log.exception("import job %s failed while writing; removing what it wrote", ctx.job_id)
        writer.undo(ctx.job_id)
        raise
    _announce(ctx, summary)
    return {
        "imported": True,
        "filename": filename,
        "invoices": summary.invoices,
        "lines": summary.rows,
    }


def _write(ctx, path, fmt, customers, invoices: int) -> None:
    batch, lines, committed = [], 0, False
    for item in passes.invoices(path, fmt, customers):
        batch.append(item)
        lines += len(item.lines)
        if lines >= writer.BATCH_LINES:
            _write_batch(ctx, batch, customers, invoices if committed else None)
            db.session.commit()  # hold the write lock one batch at a time (undo() cleans up)
            ctx.advance(ok=lines)  # the progress bar moves
            batch, lines, committed = [], 0, True
    if batch:
        _write_batch(ctx, batch, customers, invoices if committed else None)
        ctx.advance(ok=lines)


def _write_batch(ctx, batch, customers, recheck: int | None) -> None:
    """After a commit the company's row is no longer locked: invoices created since count,
    so the whole import must still fit (``recheck``: how many invoices it makes)."""
    if recheck is not None:
        limits.check_can_create(ctx.company_id, recheck, import_job=ctx.job_id)
    writer.write_batch(batch, ctx.company_id, ctx.job_id, customers.terms)


def _refuse(ctx, report: Report, filename: str):
    ctx.job.result = {"imported": False, "filename": filename, **report.as_dict()}
    for error in report.errors[:50]:
        ctx.add_error(Report.line(error))
    ctx.flush()  # keep the report: the runner rolls back when the job raises
    raise ImportRefused(
        _(
            "%(report_bad_rows)s row(s) of %(value)s are invalid (%(report_count)s "
            "problem(s)); nothing was imported.",
            report_bad_rows=report.bad_rows,
            value=filename or "the file",
            report_count=report.count,
        )
    )


def _announce(ctx, summary) -> None:
    data = {"job_id": ctx.job_id, "invoices": summary.invoices, "lines": summary.rows}
    publish(DomainEvent("InvoicesImported", "core_job", ctx.job_id, ctx.company_id, data))
    emit("invoicing_invoices_imported", data, ctx.company_id)
