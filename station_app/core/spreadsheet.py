"""Cells for the spreadsheets the station and the hub write: text that looks like a formula stays text.

A villager's name, an address or a note typed at the counter reaches the county's xlsx
exports. Text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is what Excel
and LibreOffice take for a formula (`=HYPERLINK("http://…","点这里")` becomes a live link),
so every writer puts its cells through `put` (xlsx) or `csv_text` (CSV): one rule for the
station's reports and rosters and the hub's county files.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def put(sheet: Any, row: int, column: int, value: Any) -> Any:
    """`sheet.cell(row, column, value)` (openpyxl), with formula-looking text written as a
    string marked with Excel's quote prefix: shown exactly as typed, never evaluated, and it
    stays text when someone edits the cell. Returns the cell."""
    cell = sheet.cell(row, column, value)
    if looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def csv_text(value: Any) -> Any:
    """A value for a CSV file: formula-looking text gets a leading apostrophe (CSV has no types)."""
    return "'" + value if looks_like_formula(value) else value
