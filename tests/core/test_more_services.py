"""Issue 22's smaller services in the core: county notices posted on the wall, farm inputs with
producer and batch (the trace chain), counter photos of parcels and their pruning, the trainee
groups the plans name."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest
from PIL import Image

from station_app.core import (
    cash,
    notices,
    parcels,
    people,
    proxy_orders,
    replay,
    report_rows,
    reports,
    sync_state,
    training,
)
from station_app.core.parcels import photos
from station_app.core.simulate import county_sends
from station_app.db import open_station
from station_app.errors import Conflict, NotFound, ValidationError
from sync import evidence


def jpeg(colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, "JPEG")
    return out.getvalue()


# -- county notices -------------------------------------------------------------------------------------


def test_a_notice_is_shown_until_posted_and_its_posting_recorded(db, operator):
    county_sends(db, [("county.notice", "n-1", {"title": "春耕农资补贴", "text": "4月30日前到村委会登记。",
                                                 "until": "2026-11-30", "from": "县商务局"}),
                      ("county.notice", "n-2", {"title": "过期通知", "text": "x", "until": "2026-10-01"})])
    today = date(2026, 11, 2)
    assert [n.title for n in notices.to_post(db, today)] == ["春耕农资补贴"]
    n = notices.mark_posted(db, operator, "n-1")
    assert n.posted and n.posted_by == operator.id
    assert notices.to_post(db, today) == [] and notices.current_notices(db, today)[0].posted
    with pytest.raises(Conflict):
        notices.mark_posted(db, operator, "n-1")
    with pytest.raises(NotFound):
        notices.mark_posted(db, operator, "n-9")
    r = reports.monthly_report(db, "2026-11")
    assert r["notices"] == {"received": 2, "posted": 1}
    sheet = report_rows.evidence(db, "2026-11", "notices")
    assert (sheet.count("Received this month"), sheet.count("Posted this month")) == (2, 1)
    # a correction from the county keeps the station's record that it is up
    county_sends(db, [("county.notice", "n-1", {"title": "春耕农资补贴（更正）", "text": "5月10日前。",
                                                 "until": "2026-11-30"})])
    assert notices.get_notice(db, "n-1").posted


# -- farm inputs ------------------------------------------------------------------------------------------


@pytest.fixture
def villager(db, operator):
    county_sends(db, [("county.catalogue_item", "cat-seed", {"name": "玉米种子", "spec": "郑单958 2kg", "unit": "袋",
                                                             "price": 6_000, "farm_kind": "seed",
                                                             "producer": "河南秋乐种业", "active": True}),
                      ("county.catalogue_item", "cat-boots", {"name": "雨靴", "spec": "42码", "unit": "双",
                                                              "price": 3_500, "active": True})])
    cash.open_day(db, operator, counted=50_000)
    return people.add_person(db, operator, name="赵大山", phone="13900005555", village="幸福村",
                             categories=[people.POVERTY])


def test_a_farm_input_is_sold_with_its_producer_and_batch(db, operator, villager):
    item = next(i for i in proxy_orders.catalogue(db) if i.id == "cat-seed")
    assert item.is_farm_input and item.producer == "河南秋乐种业"
    order = proxy_orders.place_order(db, operator, person_id=villager.id, catalogue_item_id="cat-seed", quantity=2)
    assert (order.farm_kind, order.producer) == ("seed", "河南秋乐种业")
    proxy_orders.receive_order(db, operator, order_id=order.id)
    with pytest.raises(ValidationError) as refused:
        proxy_orders.hand_over_order(db, operator, order_id=order.id)
    assert "玉米种子" in str(refused.value)
    done = proxy_orders.hand_over_order(db, operator, order_id=order.id, batch=" 2026-03 A12 ")
    assert (done.status, done.batch, done.producer) == ("closed", "2026-03 A12", "河南秋乐种业")
    other = proxy_orders.place_order(db, operator, person_id=villager.id, catalogue_item_id="cat-boots")
    proxy_orders.receive_order(db, operator, order_id=other.id)
    assert proxy_orders.hand_over_order(db, operator, order_id=other.id).batch == "", "not a farm input: no batch"
    request = proxy_orders.place_order(db, operator, person_id=villager.id, description="敌百虫 500g",
                                       estimate=1_800, farm_kind="pesticide", producer="")
    proxy_orders.receive_order(db, operator, order_id=request.id)
    with pytest.raises(ValidationError):  # nobody said who made it
        proxy_orders.hand_over_order(db, operator, order_id=request.id, batch="B7")
    proxy_orders.hand_over_order(db, operator, order_id=request.id, batch="B7", producer="湖南海利")
    with pytest.raises(ValidationError):
        proxy_orders.place_order(db, operator, person_id=villager.id, description="x", estimate=100, farm_kind="gold")
    r = reports.monthly_report(db, "2026-11")["proxy_orders"]
    assert (r["farm_inputs"], r["farm_inputs_fen"]) == (2, 12_000 + 1_800)
    assert r["by_farm_kind"] == {"pesticide": {"orders": 1, "amount_fen": 1_800},
                                 "seed": {"orders": 1, "amount_fen": 12_000}}
    sheet = report_rows.evidence(db, "2026-11", "farm_inputs")
    assert (len(sheet.rows), sheet.total("Amount")) == (2, 13_800)
    chain = {row[6]: (row[2], row[5]) for row in sheet.rows}
    assert chain == {"2026-03 A12": ("赵大山", "河南秋乐种业"), "B7": ("赵大山", "湖南海利")}


# -- counter photos ---------------------------------------------------------------------------------------


def test_counter_photos_are_kept_then_pruned_after_the_countys_days(db, operator, tmp_path):
    checked = parcels.check_in_parcel(db, operator, waybill="SF1000000000901", phone="13900001111")
    pid = checked.parcel.id
    first = photos.add_photo(db, operator, pid, moment=photos.CHECK_IN, image=jpeg())
    assert photos.photo_path(db, first).read_bytes()[:3] == b"\xff\xd8\xff"
    with pytest.raises(ValidationError):
        photos.add_photo(db, operator, pid, moment=photos.HAND_OVER, image=b"not a photo")
    with pytest.raises(ValidationError):
        photos.add_photo(db, operator, pid, moment="later", image=jpeg())
    with pytest.raises(NotFound):
        photos.add_photo(db, operator, "no-parcel", moment=photos.CHECK_IN, image=jpeg())
    db.clock.advance(days=60)
    second = photos.add_photo(db, operator, pid, moment=photos.HAND_OVER, image=jpeg((10, 200, 10)))
    assert [p.moment for p in photos.photos_of(db, pid)] == ["check_in", "hand_over"]
    db.clock.advance(days=31)  # the first is 91 days old: past the county's 90
    assert photos.prune_photos(db) == 1
    kept = {p.id: p for p in photos.photos_of(db, pid)}
    assert not kept[first.id].kept and not photos.photo_path(db, first).exists()
    assert kept[second.id].kept and photos.photo_path(db, second).exists()
    assert photos.prune_photos(db) == 0, "nothing twice"
    assert photos.pruned_digests(db) == {first.sha256}
    copy = open_station(tmp_path / "copy.sqlite", clock=db.clock)
    replay.rebuild(db, copy)
    assert replay.table_differences(db, copy) == []
    copy.close()


def test_a_photo_the_county_has_not_got_yet_is_not_pruned(db, operator):
    checked = parcels.check_in_parcel(db, operator, waybill="SF1000000000902", phone="13900001111")
    photo = photos.add_photo(db, operator, checked.parcel.id, moment=photos.CHECK_IN, image=jpeg())
    db.set_local(sync_state.STATION_ID, "station-7")  # joined to a county, offline since
    db.clock.advance(days=120)
    assert photos.prune_photos(db) == 0 and photos.photo_path(db, photo).exists()
    db.set_local(evidence.CONFIRMED + photo.sha256, "another-station")  # confirmed for another enrollment
    assert photos.prune_photos(db) == 0
    evidence.confirm(db, "station-7", [photo.sha256])  # the hub holds it now
    assert photos.prune_photos(db) == 1 and not photos.photo_path(db, photo).exists()
    assert photos.CONFIRMED == evidence.CONFIRMED


# -- trainee groups -----------------------------------------------------------------------------------------


def test_the_plans_trainee_groups(db, operator):
    assert set(people.TRAINEE_CATEGORIES) <= set(people.CATEGORIES)
    assert set(people.TRAINEE_CATEGORIES) <= set(training.CATEGORIES)
    grad = people.add_person(db, operator, name="孙小梅", phone="13900002222", village="幸福村",
                             categories=["returning_graduate"])
    plain = people.add_person(db, operator, name="钱多多", phone="13900003333", village="幸福村")
    starts = datetime(2026, 11, 2, 2, 0, tzinfo=db.clock.now().tzinfo)
    s = training.create_session(db, operator, title="直播带货", category="farmer", starts_at=starts,
                                ends_at=starts + timedelta(hours=2), capacity=20)
    training.start_session(db, operator, s.id)
    training.sign_in(db, operator, s.id, person_id=grad.id)
    training.sign_in(db, operator, s.id, person_id=plain.id)
    training.sign_in(db, operator, s.id, person_id=people.add_person(
        db, operator, name="周村长", phone="13900004444", village="幸福村").id, category="village_cadre")
    f = reports.monthly_report(db, "2026-11")["training"]["by_category"]
    assert f == {"farmer": 1, "returning_graduate": 1, "village_cadre": 1}
