"""Every hub spreadsheet writer puts station- or person-provided text through the formula rule
(`core.spreadsheet.put` / `csv_text`): the daily digest (xlsx and CSV) as the claim lists, audit
log, county files and indicators already did; and no hub module writes a cell or a CSV row any
other way."""

from __future__ import annotations

import ast
import csv
import io
from datetime import date
from pathlib import Path

from sync.hub.digest import DigestRow, write_csv, write_xlsx
from tests.security.test_station_exports import LINK, formulas, texts

HUB = Path(__file__).resolve().parents[2] / "sync" / "hub"


def _row() -> DigestRow:
    # a station registered under a formula-looking name, a village and a problem typed the same way
    return DigestRow(LINK, "+青山村", True, None, None, 3, 2, None, ["-打印机缺纸"], ["@SUM(A1)"])


def test_the_digest_xlsx_keeps_a_formula_looking_station_name_as_text(tmp_path):
    out = write_xlsx([_row()], date(2026, 11, 2), tmp_path / "digest.xlsx")
    assert formulas(out) == []
    assert {LINK, "+青山村", "-打印机缺纸", "@SUM(A1)"} <= texts(out)


def test_the_digest_csv_marks_formula_looking_text(tmp_path):
    out = write_csv([_row()], tmp_path / "digest.csv")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[1][:2] == ["'" + LINK, "'+青山村"] and rows[1][8:] == ["'-打印机缺纸", "'@SUM(A1)"]


def _calls(tree: ast.AST, attribute: str) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr == attribute]


def test_no_hub_writer_goes_around_the_rule():
    """`sheet.cell(r, c, value)` with a value, `ws.append(...)` and `writer.writerow(s)` of
    anything but `csv_text`'d cells or fixed headings are what let a formula through."""
    around = []
    for path in sorted(HUB.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _calls(tree, "cell"):
            if len(call.args) + len(call.keywords) >= 3:  # cell(row, col, value): writes
                around.append(f"{path.name}:{call.lineno} .cell(..., value)")
        for call in _calls(tree, "append"):
            if isinstance(call.func, ast.Attribute) and getattr(call.func.value, "id", "") in ("ws", "sheet"):
                around.append(f"{path.name}:{call.lineno} ws.append")
        for call in _calls(tree, "writerow") + _calls(tree, "writerows"):
            if "csv_text" not in ast.unparse(call) and "translate" not in ast.unparse(call) \
                    and "heads" not in ast.unparse(call):
                around.append(f"{path.name}:{call.lineno} {ast.unparse(call)[:60]}")
    assert around == []
