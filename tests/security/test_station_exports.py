"""Item 11: a name typed at the counter never becomes a live formula in a spreadsheet.

A recipient named `=HYPERLINK("http://x.y","a")` used to be written as a formula into the
station's monthly xlsx (and the hub's county files). Every cell that starts like a formula
(=, +, -, @, tab, carriage return) is now text: no `<f>` element in the sheet XML, the text
exactly as typed, marked with Excel's quote prefix.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from station_app.core import parcels, people, report_files, rosters, training
from station_app.core.spreadsheet import FORMULA_STARTS, csv_text, looks_like_formula, put

LINK = '=HYPERLINK("http://x.y","a")'
NAMES = [LINK, "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def formulas(path: Path) -> list[str]:
    """Every formula element in every sheet of an xlsx."""
    with zipfile.ZipFile(path) as z:
        return [m for name in z.namelist() if name.startswith("xl/worksheets/")
                for m in re.findall(r"<f[ >].*?</f>", z.read(name).decode("utf-8"))]


def texts(path: Path) -> set[str]:
    book = load_workbook(path)
    return {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}


def test_the_attack_works_on_a_plain_openpyxl_cell(tmp_path):
    """Without the rule, openpyxl writes the text as a live formula: what the tests look for."""
    book = Workbook()
    book.active.cell(1, 1, LINK)
    book.save(tmp_path / "plain.xlsx")
    assert formulas(tmp_path / "plain.xlsx")


@pytest.mark.parametrize("value", NAMES)
def test_put_writes_formula_looking_text_as_text(tmp_path, value):
    book = Workbook()
    put(book.active, 1, 1, value)
    put(book.active, 2, 1, 12)
    book.save(tmp_path / "x.xlsx")
    assert formulas(tmp_path / "x.xlsx") == []
    cell = load_workbook(tmp_path / "x.xlsx").active["A1"]
    # (XML reads a carriage return back as a line feed: still the text, never a formula)
    assert cell.value == value.replace("\r", "\n") and cell.data_type == "s" and cell.quotePrefix
    assert load_workbook(tmp_path / "x.xlsx").active["A2"].value == 12


def test_the_rule_covers_exactly_the_formula_starts():
    assert FORMULA_STARTS == ("=", "+", "-", "@", "\t", "\r")
    assert all(looks_like_formula(v) for v in NAMES)
    assert not any(looks_like_formula(v) for v in ("王建国", "138****5678", 5, None, "1-2", ""))
    assert csv_text(LINK) == "'" + LINK and csv_text("王建国") == "王建国" and csv_text(7) == 7


def test_a_recipient_named_like_a_formula_stays_text_in_the_monthly_xlsx(db, operator, tmp_path):
    parcels.check_in_parcel(db, operator, waybill="YT7512345676075", phone="13812345678", name=LINK)
    out = report_files.write_monthly(db, "2026-11", tmp_path / "monthly.xlsx", "xlsx")
    assert formulas(out) == []
    assert LINK in texts(out)


def test_a_trainee_named_like_a_formula_stays_text_in_the_roster(db, manager, clock, tmp_path):
    from datetime import timedelta

    begins = clock.now() + timedelta(minutes=30)
    session = training.create_session(db, manager, title="电商直播入门", category="farmer", starts_at=begins,
                                      ends_at=begins + timedelta(hours=2), capacity=20, place="村委会")
    training.start_session(db, manager, session.id)
    person = people.add_person(db, manager, name="@SUM(A1)", phone="13812340000", village="幸福村")
    training.sign_in(db, manager, session.id, person_id=person.id)
    out = rosters.write_roster_xlsx(db, session.id, tmp_path / "roster.xlsx")
    assert formulas(out) == []
    assert "@SUM(A1)" in texts(out)


def test_a_sender_named_like_a_formula_stays_text_in_the_hubs_claim_list(tmp_path):
    """The hub's county files share the rule (`sync.hub.county_files` puts its cells through `put`)."""
    from sync.hub.county_files import write_claims_xlsx

    claim = {"station": "幸福村电商服务站", "ewaybill": "YT7512345676075", "carrier": "YTO", "day": "2026-11-02",
             "product": "-脐橙", "destination": "+北京", "sender": LINK, "receipt_no": "R-1", "subsidy_fen": 50}
    out = write_claims_xlsx([claim], "2026Q4", tmp_path / "claims.xlsx")
    assert formulas(out) == []
    assert {LINK, "-脐橙", "+北京"} <= texts(out)
