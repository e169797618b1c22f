"""The row-level validation report: row number, column and message, capped in size."""

from __future__ import annotations

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
        return f"row {error['row']}, {error['column']}: {error['message']}"
