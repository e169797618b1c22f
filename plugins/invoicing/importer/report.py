"""The row-level validation report: row number, column and message, capped in size."""

from __future__ import annotations

from core.api import gettext as _

MAX_LISTED = 1000  # a file that is wrong on every row must not grow the report without bound


class Report:
    def __init__(self) -> None:
        self.errors: list[dict] = []
        self.count = 0
        self.bad_rows = 0

    def add(self, row: int, column: str, message: str) -> None:
        self.count += 1
        if len(self.errors) < MAX_LISTED:
            self.errors.append({"row": row, "column": column, "message": message})

    def __bool__(self) -> bool:
        return self.count > 0

    def as_dict(self) -> dict:
        return {
            "error_count": self.count,
            "invalid_rows": self.bad_rows,
            "errors": self.errors,
            "errors_listed": len(self.errors),
        }

    @staticmethod
    def line(error: dict) -> str:
        """One problem as a sentence (the column keeps the file's own name)."""
        return _(
            "row %(row)s, %(column)s: %(message)s",
            row=error["row"],
            column=error["column"],
            message=error["message"],
        )
