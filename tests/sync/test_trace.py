"""The public traceability page GET /t/{code} on the real hub: intake at a station → sync → the
page tells the lot's story; a forged or unknown code is "not a genuine label" (404)."""

from datetime import timedelta

import requests

from station_app.clock import local_day
from station_app.core import cash, consignment, people
from station_app.core.consignment import IntakeItem, SaleItem

from .fresh import new_station, sync


def page(live, code):
    answer = requests.get(f"{live.url}/t/{code}", timeout=10)
    assert answer.headers["content-type"].startswith("text/html")
    return answer.status_code, answer.text


def test_a_label_s_story_after_sync_and_forged_codes_are_refused(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    cash.open_day(db, manager, counted=10_000)
    villager = people.add_person(db, manager, name="张桂英", phone="13812345678", village="东山村", categories=["poverty"])
    her = consignment.register_consignor(db, manager, person_id=villager.id)
    expiry = (local_day(db.clock.now()) + timedelta(days=10)).isoformat()
    intake = consignment.take_in(db, manager, consignor_id=her.id, items=[
        IntakeItem("土鸡蛋", "fresh", "盒", 3, 3000, expiry=expiry), IntakeItem("香菇", "processed", "斤", "12.5", 2800)])
    eggs, mushrooms = intake.lots
    sold, on_sale, withdrawn = consignment.codes_of(db, eggs.id)
    consignment.sell(db, manager, items=[SaleItem(code=sold)])
    consignment.hand_back(db, manager, consignor_id=her.id, items=[SaleItem(code=withdrawn)])
    sync(db)

    status, html = page(live_hub, sold)
    assert status == 200
    for text in ("正品标签", "土鸡蛋", "东山村", intake.lots[0].intake_day, expiry, "已售出", "幸福村电商服务站",
                 consignment.spaced(sold)):
        assert text in html, text
    assert "张桂英" not in html and "贫困" not in html  # the producer's village, not who they are
    assert 'name="viewport"' in html  # readable on a phone
    assert "在售" in page(live_hub, on_sale)[1]
    assert "已撤回" in page(live_hub, withdrawn)[1]
    assert "香菇" in page(live_hub, consignment.codes_of(db, mushrooms.id)[0])[1]  # one code for a weighed lot
    assert page(live_hub, consignment.spaced(on_sale).replace(" ", "-"))[0] == 200  # as printed, typed by hand

    forged = on_sale[:-1] + ("A" if on_sale[-1] != "A" else "B")  # any change breaks the signature
    status, html = page(live_hub, forged)
    assert status == 404 and "不是正品标签" in html
    assert page(live_hub, "hello")[0] == 404
    other_station = consignment.trace_code("another-station", "salt", 1, 1)
    assert page(live_hub, other_station)[0] == 404

    later = consignment.take_in(db, manager, consignor_id=her.id, items=[IntakeItem("蜂蜜", "processed", "瓶", 1, 5000)])
    code = later.codes[0]
    status, html = page(live_hub, code)
    assert status == 404 and "暂时查不到" in html  # genuine, but not synced yet
    sync(db)
    status, html = page(live_hub, code)
    assert status == 200 and "蜂蜜" in html
    db.close()
