"""Lists: one sort helper, keyset pages, bounded or cached counts (see each module)."""

from core.listing.counting import cached_count, capped_count, exact_count
from core.listing.page import Page, fetch
from core.listing.sorting import Column, Sorting, SortKey

__all__ = [
    "Column",
    "Page",
    "SortKey",
    "Sorting",
    "cached_count",
    "capped_count",
    "exact_count",
    "fetch",
]
