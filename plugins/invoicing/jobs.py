"""Invoicing's job types by name, and the worker's schedule for the periodic ones."""

from __future__ import annotations

from plugins.invoicing import importer, mailer, overdue, reminders

JOB_TYPES = {
    importer.JOB: importer.import_invoices,
    mailer.SEND_JOB: mailer.send_email_job,
    reminders.JOB: reminders.send_reminders,
    overdue.JOB: overdue.mark_overdue,
}
SCHEDULES = {
    overdue.JOB: {"minute": "0", "hour": "1"},
    reminders.JOB: {"minute": "0", "hour": "8"},
}
