"""The logistics centre's dispatch list: read (UTF-8 or GBK, Chinese or English columns), routed
to the station serving each village, pulled by the station, checked in, and the hub sees the
arrival time."""

import pytest
import requests
from sqlalchemy import func, select

from station_app.core import parcels
from sync.hub.cli import main as hub_main
from sync.hub.db import changes, reading
from sync.hub.manifest import (
    ManifestError,
    dispatch_time,
    import_manifest,
    read_manifest,
    routed_parcel,
)

from .fresh import new_station, sync

HEADER = "运单号,快递公司,收件人,手机号,目的村,发出时间\n"


def write_list(path, text, encoding="gbk"):
    path.write_bytes(text.encode(encoding))
    return path


def county_changes(live):
    with reading(live.hub.engine) as conn:
        return conn.execute(select(func.count()).select_from(changes)).scalar_one()


def test_a_gbk_list_is_routed_pulled_checked_in_and_the_hub_sees_the_arrival(live_hub, tmp_path, capsys):
    db, manager = new_station(tmp_path / "xingfu", live_hub)
    live_hub.hub.enroll_code("向阳村服务站", "向阳村")
    live_hub.hub.add_admin("县运营中心", "secret-pass-1")
    csv_file = write_list(tmp_path / "发车清单.csv", HEADER +
                          "ZT73010000001,中通快递,张三,13812345678,幸福村,2026-11-22 08:30\n"
                          "YT9001000000002,圆通速递,李四,139****4321,幸福村,2026/11/22 9:05\n"
                          "ZT73010000003,中通快递,王五,13700001111,向阳,2026-11-22 08:31\n"
                          "ZT73010000004,中通快递,赵六,13700002222,东山村,2026-11-22 08:32\n"
                          "13812345678,中通快递,钱七,13700003333,幸福村,2026-11-22 08:33\n"
                          "ZT73010000001,中通快递,张三,13812345678,幸福村,2026-11-22 08:30\n")
    url = f"sqlite:///{tmp_path / 'hub.sqlite'}"

    assert hub_main(["import-manifest", str(csv_file), "--db", url]) == 1  # some rows refused, the rest imported
    out, err = capsys.readouterr()
    assert "东山村" in err and "13812345678" in err  # the rows refused, with why
    assert "ZT73010000001" in out  # the line listed twice: skipped
    first = routed_parcel(live_hub.hub, "ZT73010000001")
    assert first is not None and first["station"] == "幸福村电商服务站" and first["arrived_at"] is None
    assert first["dispatched_at"] == "2026-11-22T00:30:00.000Z"  # Shanghai time, stored as UTC
    assert routed_parcel(live_hub.hub, "ZT73010000003")["station"] == "向阳村服务站"  # 向阳 -> 向阳村
    assert routed_parcel(live_hub.hub, "ZT73010000004") is None

    before = county_changes(live_hub)
    assert hub_main(["import-manifest", str(csv_file), "--db", url]) == 1  # the same file again
    assert county_changes(live_hub) == before  # nothing routed twice

    sync(db)
    expected = {e.waybill: e for e in parcels.expected_parcels(db)}
    assert set(expected) == {"ZT73010000001", "YT9001000000002"}
    assert expected["ZT73010000001"].carrier == "ZTO" and expected["ZT73010000001"].phone_masked == "138****5678"
    assert expected["YT9001000000002"].phone_masked == "****4321"  # a masked phone keeps its tail

    checked = parcels.check_in_parcel(db, manager, waybill="ZT73010000001")  # nothing typed: the list knows
    assert checked.expected_match and checked.parcel.recipient_name == "张三" and checked.parcel.phone == "13812345678"
    sync(db)
    seen = routed_parcel(live_hub.hub, "ZT73010000001")
    assert seen["arrived_at"] == checked.parcel.arrived_at and seen["arrived_station_id"] == seen["station_id"]
    assert seen["hours"] is not None
    answer = requests.get(f"{live_hub.url}/v1/admin/parcels/ZT73010000001", auth=("县运营中心".encode(), b"secret-pass-1"),
                          timeout=5)
    assert answer.status_code == 200 and answer.json()["arrived_at"] == checked.parcel.arrived_at
    assert requests.get(f"{live_hub.url}/v1/admin/parcels/ZT73010000001", timeout=5).status_code == 401
    db.close()


def test_a_list_with_wrong_columns_is_refused_whole_naming_what_is_missing(live_hub, tmp_path, capsys):
    live_hub.hub.enroll_code("幸福村电商服务站", "幸福村")
    csv_file = write_list(tmp_path / "list.csv", "运单号,快递公司,收件人,电话\nZT73010000001,中通,张三,13812345678\n",
                          "utf-8")
    before = county_changes(live_hub)
    assert hub_main(["import-manifest", str(csv_file), "--db", f"sqlite:///{tmp_path / 'hub.sqlite'}"]) == 2
    err = capsys.readouterr().err
    assert "目的村" in err and "发出时间" in err and "电话" in err  # what is missing, and what the header has
    assert county_changes(live_hub) == before

    with pytest.raises(ManifestError):
        read_manifest(b"PK\x03\x04 an xlsx file")
    with pytest.raises(ManifestError):
        read_manifest(b"\xff\xfe\x80\x81 not text")
    with pytest.raises(ManifestError):
        read_manifest(b"\n \n")


def test_station_option_english_columns_tabs_and_a_title_line(live_hub, tmp_path):
    sid, _ = live_hub.hub.enroll_code("幸福村电商服务站", "幸福村")
    text = ("County logistics centre dispatch list 2026-11-22\n"
            "Waybill\tCourier\tRecipient\tPhone tail\tDispatch time\n"
            "SF1234567890123\t顺丰速运\t孙八\t5678\t2026-11-22T08:00:00+08:00\n"
            "JT0000123456789\t极兔\t周九\t1234\t2026年11月22日 08:10\n").encode("utf-8-sig")
    report = import_manifest(live_hub.hub, text, station="幸福村电商服务站", source="list.tsv")
    assert [w for _, w, _ in report.routed] == ["SF1234567890123", "JT0000123456789"] and not report.refused
    parcel = routed_parcel(live_hub.hub, "SF1234567890123")
    assert parcel["station_id"] == sid and parcel["carrier"] == "SF"
    with pytest.raises(ManifestError):
        import_manifest(live_hub.hub, text, station="没有这个站")


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-22 08:30", "2026-11-22T00:30:00.000Z"),
    ("2026/11/22 8:30:15", "2026-11-22T00:30:15.000Z"),
    ("2026-11-22", "2026-11-21T16:00:00.000Z"),
    ("", None),
])
def test_dispatch_times_are_read_as_shanghai_time(text, expected):
    assert dispatch_time(text) == expected
