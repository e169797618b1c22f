"""Bulk import of draft invoices from CSV and XLSX, as a background job."""

from plugins.invoicing.importer.job import JOB, ImportRefused, import_invoices
from plugins.invoicing.importer.readers import ImportFileError

__all__ = ["JOB", "ImportFileError", "ImportRefused", "import_invoices"]
