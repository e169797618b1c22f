"""Lists: one sort helper, keyset pages, bounded or cached counts (see each module)."""

from core.listing.counting import cached_count, capped_count, exact_count
from core.listing.export import csv_response, write_xlsx, xlsx_response
from core.listing.joins import join_own_company
from core.listing.page import Page, batches, fetch, objects, run
from core.listing.sorting import Column, Sorting, SortKey, id_order

__all__ = [
    "Column",
    "Page",
    "batches",
    "csv_response",
    "write_xlsx",
    "xlsx_response",
    "SortKey",
    "Sorting",
    "cached_count",
    "capped_count",
    "exact_count",
    "fetch",
    "id_order",
    "join_own_company",
    "objects",
    "run",
]
