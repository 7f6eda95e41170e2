"""The farm-produce subsidy claim the county files (石城: 0.5元/单 out of the county, the e-waybill as
proof, a yearly cap per sending entity and for the county), from the counter to the county's
export: a row refused for an in-county destination whatever was ticked, a cooperative's cap
reached mid-quarter across two stations, a rejected row that frees its room, and the approved
claim's zip holding every e-waybill image byte for byte."""

import io
import json
import zipfile

import pytest
from openpyxl import load_workbook

from station_app.clock import local_day
from station_app.core import outbound, reports, subsidy
from station_app.core import sync_state as state
from station_app.errors import ValidationError
from station_app.i18n import translate
from sync.hub import claims
from sync.hub import cli as hub_cli
from sync.hub.shadows import Shadows

from .audit_evidence import COUNTY, county_sets, logged_in, photo, this_quarter
from .fresh import new_station, sync


def zh(text):
    return translate("subsidy", text, "zh_CN")


COOP, COOP_NAME = "93360735MA35ABCDE1", "石城县翠微果蔬专业合作社"


def send(db, who, ewaybill, *, code, category="fruit", picture=None, coop=True, ticked=True):
    sender = {"sender_org_code": COOP, "sender_org_name": COOP_NAME} if coop else {}
    return outbound.take_outbound_parcel(
        db, who, sender_name="赖春生", sender_phone="13970001234", recipient_name="陈明",
        recipient_phone="13900001111", recipient_address="收件地址", contents="脐橙" if category == "fruit" else "白莲",
        weight_g=2500, carrier="ZTO", ewaybill=ewaybill, out_of_county=ticked, farm_produce=True,
        farm_category=category, destination_code=code, goods_value_fen=8800, ewaybill_photo=picture, **sender).parcel


@pytest.fixture
def county(live_hub, tmp_path):
    county_sets(live_hub, {"subsidy.county_code": COUNTY, "subsidy.categories": "fruit,tea",
                           "parcels.farm_subsidy_fen": 50, "parcels.farm_subsidy_cap_yuan": 1})
    a, a_mgr = new_station(tmp_path / "a", live_hub)
    b, b_mgr = new_station(tmp_path / "b", live_hub, name="青山村电商服务站", village="青山村")
    for db in (a, b):
        assert sync(db).ok  # the county's settings arrive
    shadows = Shadows(live_hub.hub, tmp_path / "shadows")
    yield a, a_mgr, b, b_mgr, shadows
    shadows.close()
    a.close()
    b.close()


def test_claim_rows_refused_capped_rejected_and_the_approved_claim_exported(live_hub, county, tmp_path):
    a, a_mgr, b, b_mgr, shadows = county
    cam = tmp_path / "camera"
    a1 = send(a, a_mgr, "73100000000001", code="440300", picture=photo(cam, "a1", (200, 0, 0)))
    a2 = send(a, a_mgr, "73100000000002", code=COUNTY, picture=photo(cam, "a2", (0, 200, 0)))  # ticked, but in county
    a3 = send(a, a_mgr, "73100000000003", code="330000", category="tea", picture=photo(cam, "a3", (0, 0, 200)))
    assert sync(a).ok  # station A's parcels reach the county before B takes its own
    b1 = send(b, b_mgr, "73100000000004", code="110000", picture=photo(cam, "b1", (200, 200, 0)))
    b2 = send(b, b_mgr, "73100000000005", code="320000", coop=False)  # no e-waybill photo
    b3 = send(b, b_mgr, "73100000000006", code="320000", category="vegetables", coop=False,
              picture=photo(cam, "b3", (0, 200, 200)))
    assert a2.out_of_county is False and a1.out_of_county is True  # the code decides, not the tick
    for db in (a, b):
        report = sync(db)
        assert report.ok and report.evidence_missing_on_disk == 0
    sa, sb = a.local(state.STATION_ID), b.local(state.STATION_ID)
    quarter = this_quarter(live_hub)

    claim = claims.build(shadows, quarter)
    rows = {r.row.outbound_id: r for r in claim.rows}
    assert [r.row.outbound_id for r in claim.rows] == [p.id for p in (a1, a2, a3, b1, b2, b3)]
    assert (rows[a2.id].status, rows[a2.id].why, rows[a2.id].fen) == (claims.REFUSED, zh(subsidy.IN_COUNTY), 0)
    assert (rows[b2.id].status, rows[b2.id].why) == (claims.REFUSED, zh(subsidy.NO_PHOTO))
    assert (rows[b3.id].status, rows[b3.id].why) == (claims.REFUSED, zh(subsidy.NOT_SUBSIDISED))
    # the cooperative's cap (¥1 = two parcels at ¥0.50) is reached at its third claimable parcel, sent from station B
    assert [(rows[p.id].status, rows[p.id].fen) for p in (a1, a3, b1)] == [
        (claims.PENDING, 50), (claims.PENDING, 50), (claims.PENDING, 0)]
    assert rows[b1.id].cut == zh(subsidy.ENTITY_CAP)
    assert rows[a1.id].entity == rows[b1.id].entity == f"org:{COOP}"
    coop = next(e for e in claim.entities() if e["entity"] == f"org:{COOP}")
    assert (coop["name"], coop["rows"], coop["pending_fen"], coop["refused"]) == (COOP_NAME, 4, 100, 1)

    with pytest.raises(ValidationError):  # a refused row cannot be accepted
        claims.review(shadows, quarter, sa, a2.id, decision=claims.ACCEPTED, who="审核员")
    with pytest.raises(ValidationError):  # a rejection says why
        claims.review(shadows, quarter, sa, a1.id, decision=claims.REJECTED, reason="  ", who="审核员")

    browser, csrf = logged_in(live_hub)  # the county rejects a1 on its review page
    answer = browser.post(f"{live_hub.url}/dashboard/claims/review", data={
        "csrf": csrf, "quarter": quarter, "station": sa, "row": a1.id, "decision": "rejected",
        "reason": "面单照片看不清"}, allow_redirects=False, timeout=10)
    assert answer.status_code == 303, answer.text
    for outbound_id, station_id in ((a3.id, sa), (b1.id, sb)):
        claims.review(shadows, quarter, station_id, outbound_id, decision=claims.ACCEPTED, who="审核员")

    claim = claims.build(shadows, quarter)
    rows = {r.row.outbound_id: r for r in claim.rows}
    assert (rows[a1.id].status, rows[a1.id].why, rows[a1.id].fen) == (claims.REJECTED, "面单照片看不清", 0)
    # the rejected row takes no room: b1 now fits under the cap
    assert [(rows[p.id].status, rows[p.id].fen) for p in (a3, b1)] == [(claims.ACCEPTED, 50), (claims.ACCEPTED, 50)]
    page = browser.get(f"{live_hub.url}/dashboard/claims?quarter={quarter}", timeout=10)
    assert page.status_code == 200 and "面单照片看不清" in page.text and zh(subsidy.IN_COUNTY) in page.text

    export = browser.get(f"{live_hub.url}/dashboard/export/claims-{quarter}.zip", timeout=10)
    assert export.status_code == 200
    z = zipfile.ZipFile(io.BytesIO(export.content))
    images = {n: z.read(n) for n in z.namelist() if n.startswith("images/")}
    expected = {(cam / "a3.jpg").read_bytes(), (cam / "b1.jpg").read_bytes()}
    assert set(images.values()) == expected and len(images) == 2
    sheet = load_workbook(io.BytesIO(z.read(f"补贴申报-{quarter}.xlsx"))).active
    lines = [row for row in sheet.iter_rows(min_row=4, values_only=True) if isinstance(row[0], int)]
    assert [(r[3], r[7], r[13]) for r in lines] == [("73100000000003", "330000", 0.5), ("73100000000004", "110000", 0.5)]
    assert all(r[12] in images for r in lines)  # each row names its image in the zip
    assert sum(r[13] for r in lines) == 1.0

    # each station's monthly report (its farm-subsidy rows too) equals the hub's, to the fen
    month = local_day(a.clock.now()).isoformat()[:7]
    for db, station_id in ((a, sa), (b, sb)):
        mine = json.loads(json.dumps(reports.monthly_report(db, month), ensure_ascii=False))
        assert json.loads(json.dumps(shadows.monthly(station_id, month), ensure_ascii=False)) == mine
        assert mine["farm_subsidy"]["parcels"] == (2 if db is a else 1)  # a1, a3 here; b1 there


def test_the_county_cap_stops_the_claim_across_entities(live_hub, county, tmp_path, capsys):
    a, a_mgr, b, b_mgr, shadows = county
    county_sets(live_hub, {"parcels.farm_subsidy_cap_yuan": 100})
    from sync.hub import county_settings
    county_settings.set_value(live_hub.hub, claims.COUNTY_CAP_KEY, 1, "县运营中心")  # ¥1 for the county's year
    cam = tmp_path / "camera"
    first = send(a, a_mgr, "73200000000001", code="440300", picture=photo(cam, "c1", (10, 10, 10)))
    assert sync(a).ok
    second = send(b, b_mgr, "73200000000002", code="440300", coop=False, picture=photo(cam, "c2", (20, 20, 20)))
    third = send(b, b_mgr, "73200000000003", code="440300", coop=False, picture=photo(cam, "c3", (30, 30, 30)))
    for db in (a, b):
        assert sync(db).ok
    rows = {r.row.outbound_id: r for r in claims.build(shadows, this_quarter(live_hub)).rows}
    assert [rows[p.id].fen for p in (first, second, third)] == [50, 50, 0]
    assert rows[third.id].cut == zh(subsidy.COUNTY_CAP)

    # the same through `station-hub`: a row rejected, the claim written
    quarter, sb = this_quarter(live_hub), b.local(state.STATION_ID)
    assert hub_cli.main(["review-claim", quarter, sb, second.id, "rejected", "--reason", "重复申报",
                         "--db", live_hub.db_url]) == 0
    out = tmp_path / "claim.zip"
    assert hub_cli.main(["claims", quarter, "--out", str(out), "--db", live_hub.db_url]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    status = {x["row"]: (x["status"], x["fen"]) for x in lines if "row" in x}
    assert status[second.id] == (claims.REJECTED, 0) and status[third.id] == (claims.PENDING, 50)
    assert zipfile.ZipFile(out).namelist()[0] == f"补贴申报-{quarter}.xlsx"
