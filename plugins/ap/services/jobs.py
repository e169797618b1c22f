"""AP's job types by name, as the worker runs them."""

from __future__ import annotations

from plugins.ap.services import bulk, rematch

JOB_TYPES = {bulk.JOB: bulk.import_zip, rematch.JOB: rematch.rematch_open_bills}
