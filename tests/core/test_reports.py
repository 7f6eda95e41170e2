"""The monthly and daily reports: every figure from the services' own figure functions, the rows
behind each figure adding up to it, the same report from a rebuilt file, and the files (xlsx and
PDF read back) and the command line."""

import json
import shutil
from datetime import UTC, date, datetime, timedelta

import pypdf
import pytest
from openpyxl import load_workbook

from station_app import cli
from station_app.clock import SHANGHAI, FixedClock
from station_app.core import (
    bills,
    cash,
    outbound,
    parcels,
    people,
    replay,
    report_files,
    report_rows,
    reports,
    simulate,
    training,
)
from station_app.core.money import format_fen
from station_app.core.simulate import county_sends
from station_app.db import open_station
from station_app.errors import ValidationError

SIM_END = datetime(2026, 10, 8, tzinfo=SHANGHAI)  # 12 simulated days: 2026-09-26 .. 2026-10-07
MONTHS = ("2026-09", "2026-10")
FEES = 1200 + 1200 + 700  # 2.5 kg: two parcels out of the county, one within it (built-in fee table)


COUNTY_CODE = "360735"


def ewaybill_photo(folder, name):
    """A picture standing for the e-waybill's webcam photo (the subsidy's evidence)."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    Image.new("RGB", (60, 30), (len(name) * 7 % 255, 40, 90)).save(path, "PNG")
    return path


def label(text):
    return reports.label(text)


# -- periods ---------------------------------------------------------------------------------------


def test_months_and_quarters():
    assert reports.month_days("2026-02") == (date(2026, 2, 1), date(2026, 2, 28))
    assert reports.month_days(" 2024-2 ") == (date(2024, 2, 1), date(2024, 2, 29))
    assert reports.month_days("2026-12") == (date(2026, 12, 1), date(2026, 12, 31))
    assert reports.quarter_days("2026Q3") == (date(2026, 7, 1), date(2026, 9, 30))
    assert reports.quarter_days("2026-q4") == (date(2026, 10, 1), date(2026, 12, 31))
    assert reports.last_months(date(2026, 2, 10), 3) == ["2025-12", "2026-01", "2026-02"]
    for bad in ("2026-13", "26-01", "", "2026/01", "1999-01"):
        with pytest.raises(ValidationError):
            reports.month_days(bad)
    with pytest.raises(ValidationError) as err:
        reports.quarter_days("2026Q5")
    assert "2026Q3" in err.value.message("en")


# -- a month made by hand: every figure checked -------------------------------------------------------------


@pytest.fixture
def month(db, clock, operator):
    """A small November at the station: parcels in and out, bills, training, a poverty-register
    household, one cash day closed 1 yuan short."""
    cash.open_day(db, operator, counted=10_000)
    county_sends(db, [("county.setting_changed", "subsidy.county_code", {"value": COUNTY_CODE})])
    poor = people.add_person(db, operator, name="刘秀兰", phone="13812345678", village="幸福村",
                             household_no="H-0017", categories=["poverty"])
    other = people.add_person(db, operator, name="陈明", phone="13900001111", village="东山村")
    p1 = parcels.check_in_parcel(db, operator, waybill="73123456789001", carrier="ZTO", person_id=poor.id)
    p2 = parcels.check_in_parcel(db, operator, waybill="73123456789002", carrier="ZTO", phone="13900001111")
    parcels.check_in_parcel(db, operator, waybill="73123456789003", carrier="ZTO", phone="13700002222",
                            name="王五")
    parcels.hand_over(db, operator, parcel_ids=[p1.parcel_id])

    def send(ewaybill, **kw):
        values = {"sender_id": poor.id, "recipient_name": "张三", "recipient_phone": "13900003333",
                  "recipient_address": "杭州市西湖区文三路1号", "contents": "猕猴桃", "weight_g": 2500, "carrier": "ZTO",
                  "out_of_county": True, "farm_produce": True, "farm_category": "fruit", "destination_code": "330100",
                  "ewaybill_photo": ewaybill_photo(db.path.parent / "camera", ewaybill), **kw}
        return outbound.take_outbound_parcel(db, operator, ewaybill=ewaybill, **values).parcel

    send("73200000000001")
    send("73200000000002", farm_produce=False, farm_category=None, contents="衣服", sender_id=other.id)
    # ticked "out of the county" but its code is the county's own: never subsidised
    send("73200000000003", out_of_county=True, recipient_address="县城城关镇解放路3号", destination_code=COUNTY_CODE)
    cancelled = send("73200000000004")
    outbound.cancel_outbound_parcel(db, operator, outbound_id=cancelled.id, reason="寄错了")

    paid = bills.accept_payment(db, operator, product_id="cmcc.topup", account="13812345678", amount=5000,
                                payer_id=poor.id)
    failed = bills.accept_payment(db, operator, product_id="cucc.topup", account="13012345678", amount=3000)
    county_sends(db, [
        ("county.bill_result", paid.id, bills.result_payload(paid.id, "paid", biller_ref="R1", at="2026-11-02T03:00:00.000Z")),
        ("county.bill_result", failed.id, bills.result_payload(failed.id, "failed", at="2026-11-02T03:00:00.000Z")),
    ])
    bills.refund_bill(db, operator, bill_id=failed.id)

    begins = clock.now().astimezone(SHANGHAI) + timedelta(minutes=30)
    session = training.create_session(db, operator, title="电商直播培训", category="farmer", starts_at=begins,
                                      ends_at=begins + timedelta(hours=2), capacity=30, place="村委会")
    training.start_session(db, operator, session.id)
    for person, score in ((poor, 5), (other, 3)):
        training.sign_in(db, operator, session.id, person_id=person.id)
        training.record_survey(db, operator, session.id, person.id, overall=score)

    clock.advance(hours=8)
    cash.close_day(db, operator, counted=cash.drawer_balance(db) - 100)
    clock.advance(hours=14)  # the next morning: the refused parcel goes back before it is overdue
    parcels.return_parcel(db, operator, parcel_id=p2.parcel_id, reason="refused")
    return {"poor": poor, "other": other}


def test_a_month_by_hand(db, month):
    r = reports.monthly_report(db, "2026-11")
    assert (r["month"], r["first_day"], r["last_day"]) == ("2026-11", "2026-11-01", "2026-11-30")
    assert r["station"]["name"] == "幸福村电商服务站" and r["station"]["county"] == "示范县"
    assert r["parcels"] | {} == {"arrived": 3, "picked_up": 1, "became_overdue": 1, "returned": 1, "exceptions": 0,
                                 "sent": 3, "sent_fees_fen": FEES, "handed_to_courier": 0, "overdue_days": 3}
    claims = r["farm_subsidy"]["claims"]
    assert r["farm_subsidy"]["parcels"] == 1 and r["farm_subsidy"]["claim_fen"] == 50
    assert claims == [{"no": 1, "ewaybill": "73200000000001", "carrier": "ZTO", "day": "2026-11-02",
                       "receipt_no": "F20261102-001", "product": "猕猴桃", "category": "fruit",
                       "destination": "杭州市西湖区文三路1号", "destination_code": "330100", "sender": "刘秀兰",
                       "entity": "刘秀兰", "weight_g": 2500, "subsidy_fen": 50}]
    b = r["bills"]
    assert (b["accepted"], b["accepted_fen"], b["paid"], b["paid_fen"], b["failed"], b["failed_fen"]) == \
        (2, 8000, 1, 5000, 1, 3000)
    assert (b["refunded"], b["refunded_fen"]) == (1, 3000)
    assert [x["biller_id"] for x in b["billers"]] == ["cmcc", "cucc"]
    assert b["billers"][0]["paid_fen"] == 5000 and b["commission_fen"] == b["billers"][0]["commission_fen"] > 0
    t = r["training"]
    assert (t["sessions"], t["person_times"], t["surveys"], t["satisfied"], t["satisfaction_pct"]) == (1, 2, 2, 1, 50.0)
    assert t["poverty_people"] == 1 and t["year_person_times"] == 2 and t["person_times_target"] == 300
    pv = r["poverty"]
    assert (pv["households"], pv["times"]) == (1, 1 + 2 + 1 + 1)  # parcel in, 2 parcels sent, a bill, training
    assert pv["list"][0]["household_no"] == "H-0017" and pv["list"][0]["names"] == "刘秀兰"
    assert pv["list"][0]["services"] == {"parcels_in": 1, "parcels_out": 2, "bills": 1, "consignment": 0,
                                         "proxy_orders": 0, "training": 1, "cashpoint": 0, "services": 0}
    assert pv["amount_fen"] == 1200 + 700 + 5000
    assert pv["by_service"]["training"] == {"households": 1, "times": 1}
    c = r["cash"]
    assert (c["days"], c["closed_days"], c["over_short_fen"]) == (1, 1, -100)
    assert c["by_service"]["parcels"]["income_fen"] == FEES
    assert json.loads(json.dumps(r)) == r, "the report is plain JSON"
    assert_sheets_add_up(db, "2026-11", r)


def test_nothing_in_an_empty_month(db, month):
    r = reports.monthly_report(db, "2026-10")
    assert r["parcels"]["arrived"] == r["bills"]["accepted"] == r["farm_subsidy"]["claim_fen"] == 0
    assert r["bills"]["billers"] == [] and r["poverty"]["list"] == [] and r["delivery"]["median_hours"] is None
    assert r["training"]["satisfaction_pct"] is None
    assert_sheets_add_up(db, "2026-10", r)


def test_the_daily_report(db, month):
    d = reports.daily_report(db, date(2026, 11, 2))
    assert d["day"] == "2026-11-02" and len(d["cash"]) == 1
    day = d["cash"][0]
    assert day["status"] == "closed" and day["over_short_fen"] == -100 and day["opening_fen"] == 0
    lines = {x["service"]: x for x in day["lines"]}
    assert lines["cash"]["cash_in_fen"] == 10_000  # the first count: the keeper's starting float
    assert lines["parcels"]["cash_in_fen"] == FEES + 1200 and lines["parcels"]["cash_out_fen"] == 1200
    assert lines["bills"]["transactions"] == 3  # two accepted, one refunded
    assert d["parcels"]["arrived"] == 3 and d["parcels"]["farm_out_of_county"] == 1
    assert d["bills"]["accepted"] == 2 and d["training"]["person_times"] == 2
    d3 = reports.daily_report(db, date(2026, 11, 3))  # the next day: no cash day opened yet
    assert d3["cash"] == [] and d3["parcels"]["returned"] == 1


# -- the rows behind the figures --------------------------------------------------------------------------


def assert_sheets_add_up(db, month, r):
    """Every figure that has rows behind it equals what its rows add up to."""
    s = {sheet.key: sheet for sheet in report_rows.all_evidence(db, month)}
    assert set(s) == set(report_rows.SHEETS)
    assert all(f.sheet is None or f.sheet in s for f in reports.FIGURES)
    for key, sheet in s.items():
        assert all(len(row) == len(sheet.columns) for row in sheet.rows), key
    p = r["parcels"]
    assert [len(s[k].rows) for k in ("parcels_arrived", "parcels_picked_up", "parcels_overdue", "parcels_returned",
                                     "parcels_exceptions", "parcels_sent", "parcels_handed")] == \
        [p["arrived"], p["picked_up"], p["became_overdue"], p["returned"], p["exceptions"], p["sent"],
         p["handed_to_courier"]]
    assert s["parcels_sent"].total("Fee") == p["sent_fees_fen"]
    d = r["delivery"]
    assert (len(s["delivery"].rows), s["delivery"].count("Within 48 h"), s["delivery"].count("Within 72 h")) == \
        (d["with_dispatch_time"], d["within_48h"], d["within_72h"])
    f = r["farm_subsidy"]
    assert (len(s["farm_subsidy"].rows), s["farm_subsidy"].total("Subsidy")) == (f["parcels"], f["claim_fen"])
    b = r["bills"]
    assert (len(s["bills_accepted"].rows), s["bills_accepted"].total("Amount"), s["bills_accepted"].total("Service fee")) == \
        (b["accepted"], b["accepted_fen"], b["fees_fen"])
    assert (len(s["bills_paid"].rows), s["bills_paid"].total("Amount"), s["bills_paid"].total("Commission")) == \
        (b["paid"], b["paid_fen"], b["commission_fen"])
    assert (len(s["bills_failed"].rows), s["bills_failed"].total("Amount")) == (b["failed"], b["failed_fen"])
    assert (len(s["bills_refunded"].rows), s["bills_refunded"].total("Refunded amount")) == \
        (b["refunded"], b["refunded_fen"])
    c, cs = r["consignment"], s["consignment"]
    kind = [x.label for x in cs.columns].index("Kind")
    assert cs.total("Amount") == c["amount_fen"] and cs.total("Commission") == c["commission_fen"]
    assert len({row[1] for row in cs.rows if row[kind] == label(report_rows.SALE)}) == c["sales"]
    assert -sum(row[-2] for row in cs.rows if row[kind] == label(report_rows.RETURN)) == c["returned_fen"]
    assert (len(s["settlements"].rows), s["settlements"].total("Paid to the consignor")) == \
        (c["settlements_paid"], c["settlements_paid_fen"])
    assert len(s["lots"].rows) == c["lots_taken_in"]
    o = r["proxy_orders"]
    assert (len(s["proxy_placed"].rows), s["proxy_placed"].total("Estimate") + s["proxy_placed"].total("Service fee")) == \
        (o["placed"], o["placed_fen"])
    closed = s["proxy_closed"]
    assert (len(closed.rows), closed.total("Cost") + closed.total("Service fee"), closed.total("Service fee")) == \
        (o["closed"], o["closed_fen"], o["fees_fen"])
    assert (len(s["online_sent"].rows), s["online_sent"].total("Amount")) == (o["online_sent"], o["online_fen"])
    assert len(s["proxy_cancelled"].rows) == o["cancelled"]
    t, ts = r["training"], s["training"]
    assert len(ts.rows) == t["person_times"] and ts.count("Satisfaction") == t["surveys"]
    assert len({(row[0], row[1]) for row in ts.rows}) == t["sessions"]
    pv = r["poverty"]
    assert (len(s["poverty"].rows), s["poverty"].total("Times"), s["poverty"].total("Amount")) == \
        (pv["households"], pv["times"], pv["amount_fen"])
    k = r["cash"]
    assert (len(s["cash"].rows), s["cash"].total("Over / short"), s["cash"].total("Cash in"),
            s["cash"].total("Cash out"), s["cash"].total("Income")) == \
        (k["days"], k["over_short_fen"], k["cash_in_fen"], k["cash_out_fen"], k["income_fen"])
    charted = reports.chart_values(db, month)
    for key, section, field, _, _ in reports.CHARTS:
        assert charted[key] == r[section][field], key


# -- a simulated station ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def simulated(tmp_path_factory):
    path = tmp_path_factory.mktemp("sim") / "station.sqlite"
    db = open_station(path)
    simulate.run(db, 12, seed=3, end=SIM_END)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def sim(simulated):
    db = open_station(simulated, clock=FixedClock(datetime(2026, 10, 8, 2, tzinfo=UTC)))
    yield db
    db.close()


def test_a_simulated_station_adds_up(sim):
    both = [reports.monthly_report(sim, m) for m in MONTHS]
    for m, r in zip(MONTHS, both, strict=True):
        assert_sheets_add_up(sim, m, r)
    assert both[0]["parcels"]["arrived"] > 100 and both[1]["bills"]["paid"] > 5
    assert both[1]["consignment"]["settlements_paid"] > 0, "the simulation settles with consignors on the 1st"
    assert sum(r["parcels"]["arrived"] for r in both) == sim.value("SELECT count(*) FROM parcels")
    assert sum(r["bills"]["accepted"] for r in both) == sim.value("SELECT count(*) FROM bills")
    assert sum(r["farm_subsidy"]["parcels"] for r in both) == sim.value(
        "SELECT count(*) FROM outbound_parcels o WHERE farm_produce = 1 AND status != 'cancelled' AND destination_code "
        "IS NOT NULL AND destination_code != ? AND EXISTS (SELECT 1 FROM outbound_photos f WHERE f.outbound_id = o.id) "
        "AND o.taken_at >= ?", (COUNTY_CODE, sim.value("SELECT min(taken_at) FROM outbound_parcels")))
    by_biller = sum(x["paid_fen"] for x in both[1]["bills"]["billers"])
    assert by_biller == both[1]["bills"]["paid_fen"]


def test_a_rebuilt_station_gives_the_same_report(sim, tmp_path):
    """What the county hub relies on: the report is a function of the events."""
    copy = open_station(tmp_path / "rebuilt.sqlite")
    replay.rebuild(sim, copy)
    for m in MONTHS:
        assert reports.monthly_report(copy, m) == reports.monthly_report(sim, m)
    copy.close()


def test_xlsx_reads_back(sim, tmp_path):
    r = reports.monthly_report(sim, "2026-10")
    path = report_files.write_monthly(sim, "2026-10", tmp_path / "m.xlsx", "xlsx")
    book = load_workbook(path)
    summary = book.worksheets[0]
    assert summary.title == label(report_files.TITLE)
    assert summary["A1"].value == f"{label(report_files.TITLE)} 2026-10"
    rows = {(row[0].value, row[1].value): row for row in summary.iter_rows(min_row=5) if row[1].value}
    assert len(rows) == len(reports.FIGURES)
    for fig in reports.FIGURES:
        row = rows[(label(reports.SECTIONS[fig.section]), label(fig.label))]
        cell = row[2]
        value = fig.value(r)
        if fig.kind == "fen":
            assert round(cell.value * 100) == value and cell.number_format.startswith('"¥"'), fig.key
        else:
            assert cell.value == value, fig.key
        link = row[3]
        if fig.sheet:
            target = link.hyperlink.location or link.hyperlink.target
            sheet = book[target.split("'")[1]]
            assert sheet.max_row - 2 == len(report_rows.evidence(sim, "2026-10", fig.sheet).rows), fig.sheet
    claims = book[report_files.sheet_name(label("Farm-produce outbound subsidy claim"), set())]
    assert claims.max_row == r["farm_subsidy"]["parcels"] + 2
    assert claims.cell(2, 2).value == r["farm_subsidy"]["claims"][0]["ewaybill"]
    total = claims.cell(claims.max_row, len(report_rows.SUBSIDY_COLUMNS))
    assert round(total.value * 100) == r["farm_subsidy"]["claim_fen"]
    assert claims.cell(claims.max_row, 1).value.startswith(label(report_files.TOTAL))
    billers = book[label(report_files.BILLERS)]
    assert [billers.cell(i, 1).value for i in range(2, billers.max_row + 1)] == \
        [b["biller_name"] for b in r["bills"]["billers"]] + [label(report_files.TOTAL)]


def test_pdf_reads_back(sim, tmp_path):
    r = reports.monthly_report(sim, "2026-09")
    path = report_files.write_monthly(sim, "2026-09", tmp_path / "m.pdf", "pdf")
    reader = pypdf.PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = "".join(text.split())
    assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4
    assert "幸福村电商服务站" in flat and "2026-09" in flat
    assert "".join(label(report_files.TITLE).split()) in flat
    for claim in r["farm_subsidy"]["claims"]:
        assert claim["ewaybill"] in flat
    assert format_fen(r["farm_subsidy"]["claim_fen"]) in flat
    assert format_fen(r["bills"]["paid_fen"]) in flat
    assert str(r["parcels"]["arrived"]) in flat
    assert "".join(label("Page {page} of {pages}").format(page=len(reader.pages), pages=len(reader.pages)).split()) in flat


def test_the_command_line(simulated, tmp_path, capsys):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(simulated, folder / "station.sqlite")
    assert cli.main(["report", "monthly", "--month", "2026-10", "--data-dir", str(folder)]) == 0
    printed = json.loads(capsys.readouterr().out)
    db = open_station(folder / "station.sqlite")
    assert printed == reports.monthly_report(db, "2026-10")
    db.close()
    for fmt in ("xlsx", "pdf"):
        out = tmp_path / f"r.{fmt}"
        assert cli.main(["report", "monthly", "--month", "2026-10", "--out", str(out), "--data-dir", str(folder)]) == 0
        assert out.stat().st_size > 1000 and capsys.readouterr().out.strip() == str(out)
    assert cli.main(["report", "daily", "--day", "2026-10-03", "--data-dir", str(folder)]) == 0
    assert json.loads(capsys.readouterr().out)["day"] == "2026-10-03"
    assert cli.main(["report", "monthly", "--month", "2026-13", "--data-dir", str(folder)]) == 2
    assert "2026-13" in capsys.readouterr().err
    assert cli.main(["report", "monthly", "--data-dir", str(folder)]) == 2
    assert cli.main(["report", "daily", "--format", "pdf", "--data-dir", str(folder)]) == 2


def test_the_farm_subsidy_follows_the_county_rate_and_stops_at_the_yearly_cap(db, clock, operator):
    """Domain b8: count × the county's rate, capped per station and year (here 1 yuan, so two
    parcels of 0.40 and the third gets what is left: 0.20; the next month nothing)."""
    county_sends(db, [("county.setting_changed", "parcels.farm_subsidy_fen", {"value": 40}),
                      ("county.setting_changed", "parcels.farm_subsidy_cap_yuan", {"value": 1}),
                      ("county.setting_changed", "subsidy.county_code", {"value": COUNTY_CODE})])
    cash.open_day(db, operator, counted=10_000)
    sender = people.add_person(db, operator, name="刘秀兰", phone="13812345678", village="幸福村")
    for n in range(4):
        if n == 3:
            clock.advance(days=30)  # December
        outbound.take_outbound_parcel(db, operator, sender_id=sender.id, recipient_name="张三", recipient_phone="13900003333",
                                      recipient_address="杭州市西湖区文三路1号", contents="猕猴桃", weight_g=2500,
                                      carrier="ZTO", ewaybill=f"7320000000000{n}", farm_produce=True, farm_category="fruit",
                                      destination_code="330100",
                                      ewaybill_photo=ewaybill_photo(db.path.parent / "camera", f"w{n}"))
    november = reports.monthly_report(db, "2026-11")["farm_subsidy"]
    assert [c["subsidy_fen"] for c in november["claims"]] == [40, 40, 20]
    assert (november["parcels"], november["fen_per_parcel"], november["claim_fen"]) == (3, 40, 100)
    december = reports.monthly_report(db, "2026-12")["farm_subsidy"]
    assert (december["parcels"], december["claim_fen"]) == (1, 0)
