"""Reading the county's CSV files the one way: UTF-8 (with or without BOM) or GBK, comma, tab
or semicolon separated, a header row (within the first few rows, a title line above it is
fine) naming the columns in Chinese or English. Used by the fee table, the biller list and the
training schedule (`sync.hub.manifest` and `sync.hub.catalogue` read theirs the same way).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from station_app.errors import UserError, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from sync.hub.manifest import DELIMITERS, HEADER_SEARCH, column_key, decode

EMPTY = QT_TRANSLATE_NOOP("errors", "The file has no rows.")
MISSING = QT_TRANSLATE_NOOP("errors", "The file has no column for {missing}. Nothing was imported. The header row "
                                      "has: {found}. Accepted names: {accepted}")


class FileRefused(ValidationError):
    """The whole file is refused: nothing was imported."""


@dataclass(frozen=True)
class Table:
    """A CSV's data rows (line number, cells) and where each known column is."""

    header: list[str]
    columns: dict[str, int]
    rows: list[tuple[int, list[str]]]

    def cell(self, cells: list[str], name: str) -> str:
        """A row's cell of column `name` (NFKC, spaces folded), "" when the file has no such column."""
        i = self.columns.get(name)
        return " ".join(unicodedata.normalize("NFKC", cells[i]).split()) if i is not None and i < len(cells) else ""


def read_table(data: bytes, columns: dict[str, tuple[str, ...]], required: tuple[str, ...]) -> Table:
    """The rows of a county CSV. `columns`: field -> the names a file may use for it (the first
    is the one messages show). Raises FileRefused (nothing imported) for an unreadable file, no
    rows, or a required column missing."""
    text = decode(data)
    sample = [line for line in text.splitlines()[:20] if line.strip()]
    if not sample:
        raise FileRefused(EMPTY)
    delimiter = max(DELIMITERS, key=lambda d: sum(d in line for line in sample))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    table = [(reader.line_num, cells) for cells in reader if any(c.strip() for c in cells)]
    aliases = {column_key(name): f for f, names in columns.items() for name in names}
    at = next((i for i, (_, cells) in enumerate(table[:HEADER_SEARCH])
               if sum(column_key(c) in aliases for c in cells) >= min(2, len(required))), 0)
    header = table[at][1] if table else []
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        f = aliases.get(column_key(cell))
        if f is not None and f not in found:
            found[f] = i
    missing = [columns[f][0] for f in required if f not in found]
    if missing:
        raise FileRefused(MISSING, missing=", ".join(missing),
                          found=", ".join(h.strip() for h in header if h.strip()) or "-",
                          accepted="; ".join("/".join(names) for names in columns.values()))
    rows = table[at + 1:]
    if not rows:
        raise FileRefused(EMPTY)
    return Table(header, found, rows)


@dataclass
class UploadReport:
    """What an upload sends (or would send): a line per row it sends (station and what), the
    rows refused and skipped with their line numbers and why (in Chinese)."""

    sent: list[tuple[int, str, str]] = field(default_factory=list)  # (line, station name, what)
    refused: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"sent": [{"line": n, "station": s, "what": w} for n, s, w in self.sent],
                "refused": [{"line": n, "why": w} for n, w in self.refused],
                "skipped": [{"line": n, "why": w} for n, w in self.skipped]}


def why(exc: UserError) -> str:
    """A refusal as county staff read it (Chinese)."""
    return exc.message("zh_CN")
