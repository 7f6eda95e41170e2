"""Proxy purchase (代买) and county online-shop orders: deposits, arrival, pickup, the ledger."""

import pytest

from station_app.core import (
    cash,
    consignment,
    events,
    labels,
    online_orders,
    parcels,
    people,
    proxy_orders,
    replay,
)
from station_app.core.consignment import IntakeItem
from station_app.core.simulate import county_sends
from station_app.db import open_station
from station_app.errors import Conflict, NotFound, ValidationError


def balance(db, account):
    return db.value("SELECT sum(amount) FROM cash_entries WHERE account = ?", (account,), default=0)


@pytest.fixture
def villager(db, manager, operator):
    cash.open_day(db, manager, counted=5_000)
    county_sends(db, [
        ("county.catalogue_item", "cat-fert", {"name": "复合肥", "spec": "50公斤/袋", "unit": "袋", "price": 16_500,
                                               "supplier": "县供销社", "active": True}),
        ("county.catalogue_item", "cat-boots", {"name": "雨靴", "spec": "42码", "unit": "双", "price": 3_500, "active": True}),
    ])
    return people.add_person(db, operator, name="赵大爷", phone="13611112222", village="河湾村", categories=["poverty"])


def test_catalogue_order_deposit_arrival_as_parcel_and_pickup(db, operator, villager):
    assert [i.name for i in proxy_orders.catalogue(db)] == ["复合肥", "雨靴"]
    order = proxy_orders.place_order(db, operator, person_id=villager.id, catalogue_item_id="cat-fert", quantity=2,
                                     fee=500, deposit=10_000)
    assert (order.number, order.estimate, order.description, order.status) == ("DG00001", 33_000, "复合肥 50公斤/袋", "ordered")
    assert order.poverty and order.phone_masked == "136****2222"
    assert order.payload == "VS1:O:DG00001" and labels.parse_label(order.payload).kind == labels.ORDER
    assert cash.drawer_balance(db) == 15_000 and balance(db, proxy_orders.PAYABLE_ORDERS) == -10_000
    with pytest.raises(Conflict):
        proxy_orders.hand_over_order(db, operator, order_id=order.id)

    before = events.last_seq(db)
    with pytest.raises(NotFound):
        proxy_orders.link_order_to_parcel(db, operator, order.id, "no-such-parcel")
    assert events.last_seq(db) == before
    parcel = parcels.check_in_parcel(db, operator, waybill="YT1234567890123", carrier="YTO", phone=villager.phone)
    arrived = proxy_orders.link_order_to_parcel(db, operator, order.id, parcel.parcel_id)
    assert arrived.status == "arrived" and arrived.parcel_id == parcel.parcel_id
    assert proxy_orders.order_for_parcel(db, parcel.parcel_id).number == "DG00001"
    second = proxy_orders.place_order(db, operator, person_id=villager.id, catalogue_item_id="cat-boots")
    with pytest.raises(Conflict):  # one parcel, one order
        proxy_orders.link_order_to_parcel(db, operator, second.id, parcel.parcel_id)
    with pytest.raises(Conflict):
        proxy_orders.link_order_to_parcel(db, operator, order.id, parcel.parcel_id)

    found = proxy_orders.find_order(db, "VS1:O:DG00001")
    closed = proxy_orders.hand_over_order(db, operator, order_id=found.id)
    assert (closed.status, closed.cost, closed.balance) == ("closed", 33_000, 23_500)
    assert cash.drawer_balance(db) == 15_000 + 23_500
    assert balance(db, proxy_orders.PAYABLE_ORDERS) == 0
    assert balance(db, proxy_orders.INCOME_ORDERS) == -500
    assert balance(db, cash.OWNER) == -5_000 - 33_000  # the keeper is paid back what the goods cost
    assert cash.ledger_problems(db) == []


def test_request_order_refund_of_excess_deposit_and_cancellation(db, operator, manager, villager):
    with pytest.raises(ValidationError):
        proxy_orders.place_order(db, operator, person_id=villager.id, description="  ", estimate=3_000)
    with pytest.raises(ValidationError):
        proxy_orders.place_order(db, operator, person_id=villager.id, description="老花镜")
    with pytest.raises(ValidationError):
        proxy_orders.place_order(db, operator, person_id=villager.id, description="拖拉机", estimate=20_000_000)
    with pytest.raises(ValidationError):
        proxy_orders.place_order(db, operator, person_id=villager.id, description="老花镜", estimate=3_000, deposit=5_000)
    with pytest.raises(ValidationError):
        proxy_orders.place_order(db, operator, person_id=villager.id, description="老花镜", estimate=3_000, quantity=0)
    with pytest.raises(NotFound):
        proxy_orders.place_order(db, operator, person_id=villager.id, catalogue_item_id="cat-none")
    glasses = proxy_orders.place_order(db, operator, person_id=villager.id, description="老花镜 300度", estimate=3_000,
                                       fee=300, deposit=3_300)
    proxy_orders.receive_order(db, operator, order_id=glasses.id)
    drawer = cash.drawer_balance(db)
    closed = proxy_orders.hand_over_order(db, operator, order_id=glasses.id, cost=2_500)
    assert closed.balance == -500 and cash.drawer_balance(db) == drawer - 500  # the villager gets 5 yuan back

    bag = proxy_orders.place_order(db, operator, person_id=villager.id, description="儿童书包", estimate=6_000,
                                   deposit=2_000, payment="qr")
    assert balance(db, consignment.CLEARING_QR) == 2_000
    with pytest.raises(ValidationError):
        proxy_orders.cancel_order(db, operator, order_id=bag.id, reason="")
    cancelled = proxy_orders.cancel_order(db, operator, order_id=bag.id, reason="村民不要了")
    assert cancelled.status == "cancelled" and balance(db, consignment.CLEARING_QR) == 0
    with pytest.raises(Conflict):
        proxy_orders.cancel_order(db, operator, order_id=bag.id, reason="again")
    assert balance(db, proxy_orders.PAYABLE_ORDERS) == 0 and cash.ledger_problems(db) == []

    figures = proxy_orders.figures(db, "2026-11-01", "2026-11-30")
    assert (figures.placed, figures.closed, figures.closed_amount, figures.fees, figures.cancelled) == (2, 1, 2_800, 300, 1)
    assert (figures.poverty_orders, figures.poverty_amount) == (1, 2_800)


def test_county_withdraws_a_catalogue_item(db, operator, villager):
    county_sends(db, [("county.catalogue_item", "cat-boots", {"name": "雨靴", "spec": "42码", "unit": "双", "price": 3_800,
                                                             "active": False})])
    assert [i.name for i in proxy_orders.catalogue(db)] == ["复合肥"]
    with pytest.raises(NotFound):
        proxy_orders.place_order(db, operator, person_id=villager.id, catalogue_item_id="cat-boots")


@pytest.fixture
def listed(db, operator, villager):
    """Goods of a poverty-register consignor listed on the county's online shop."""
    her = consignment.register_consignor(db, operator, person_id=villager.id)
    intake = consignment.take_in(db, operator, consignor_id=her.id, items=[
        IntakeItem("蜂蜜", "processed", "罐", 5, 6_800), IntakeItem("猕猴桃", "fresh", "斤", 30, 800)])
    honey, kiwi = intake.lots
    return her, honey, kiwi


def online_order(db, key, honey, kiwi, status="paid"):
    county_sends(db, [("county.online_order", key, {
        "number": "XY000000000123", "platform": "示范县农特产品网店",
        "receiver": {"name": "陈女士", "phone": "13300001111", "address": "杭州市西湖区文三路1号"},
        "lines": [{"lot_id": honey.id, "name": "蜂蜜", "quantity": "2", "unit": "罐", "price": 7_000},
                  {"lot_id": kiwi.id, "name": "猕猴桃", "quantity": "5", "unit": "斤", "price": 900},
                  {"name": "县域礼盒包装", "quantity": "1", "unit": "个", "price": 500}],
        "total": 19_500, "ordered_at": "2026-11-02T01:00:00.000Z", "status": status})])


def test_online_order_packed_from_consignment_stock_and_sent(db, operator, manager, listed, clock, tmp_path):
    her, honey, kiwi = listed
    online_order(db, "online-1", honey, kiwi)
    order = online_orders.online_orders(db, "new")[0]
    assert order.receiver_phone_masked == "133****1111" and order.total == 19_500
    with pytest.raises(Conflict):
        online_orders.send_online_order(db, operator, order_id="online-1", waybill="9123456789012", carrier="POST",
                                       weight_g=1_500)
    honey_codes = consignment.codes_of(db, honey.id)
    before = events.last_seq(db)
    with pytest.raises(Conflict):  # three jars scanned for an order of two
        online_orders.pack_online_order(db, operator, order_id="online-1", codes=honey_codes[:3])
    assert events.last_seq(db) == before
    packed = online_orders.pack_online_order(db, operator, order_id="online-1", codes=[labels.format_trace(honey_codes[4])])
    assert packed.status == "packed"
    assert consignment.get_lot(db, honey.id).on_hand == "3" and consignment.get_lot(db, kiwi.id).on_hand == "25"
    with pytest.raises(Conflict) as err:  # the scanned jar is gone from stock
        consignment.check_label(db, honey_codes[4])
    assert "sold" in err.value.message("en")
    sale = consignment.sale_receipt(db, packed.sale_id)
    assert (sale.payment, sale.total) == ("online", 2 * 7_000 + 5 * 900)
    assert balance(db, consignment.RECEIVABLE_COUNTY) == 18_500 and cash.ledger_problems(db) == []
    with pytest.raises(Conflict):
        online_orders.pack_online_order(db, operator, order_id="online-1")
    with pytest.raises(ValidationError):
        online_orders.send_online_order(db, operator, order_id="online-1", waybill="短", carrier="POST", weight_g=1_500)
    sent = online_orders.send_online_order(db, operator, order_id="online-1", waybill="9123 4567 89012", carrier="post",
                                          weight_g=1_500)
    assert (sent.status, sent.waybill) == ("sent", "9123456789012")
    # the consignor is paid for online sales at settlement like for counter sales
    clock.advance(days=1)
    statement = consignment.settle_consignor(db, manager, consignor_id=her.id, start="2026-11-02", end="2026-11-02")
    assert statement.due == 18_500 - consignment.share_of(14_000, 1000) - consignment.share_of(4_500, 1000)
    figures = proxy_orders.figures(db, "2026-11-01", "2026-11-30")
    assert (figures.online_sent, figures.online_amount) == (1, 19_500)
    rebuilt = open_station(tmp_path / "rebuilt.sqlite")
    replay.rebuild(db, rebuilt)
    assert replay.table_differences(db, rebuilt) == []


def test_county_cancels_an_online_order(db, operator, listed):
    _, honey, kiwi = listed
    online_order(db, "online-2", honey, kiwi)
    online_order(db, "online-2", honey, kiwi, status="cancelled")
    assert online_orders.get_online_order(db, "online-2").status == "cancelled"
    with pytest.raises(Conflict):
        online_orders.pack_online_order(db, operator, order_id="online-2")
    # a cancellation after packing stays visible for a person to settle
    online_order(db, "online-3", honey, kiwi)
    online_orders.pack_online_order(db, operator, order_id="online-3")
    online_order(db, "online-3", honey, kiwi, status="cancelled")
    late = online_orders.get_online_order(db, "online-3")
    assert (late.status, late.county_status) == ("packed", "cancelled")


def test_a_sent_online_order_is_an_outgoing_parcel_in_the_next_courier_batch(db, operator, listed, tmp_path):
    from station_app.core import outbound

    _, honey, kiwi = listed
    online_order(db, "online-4", honey, kiwi)
    online_orders.pack_online_order(db, operator, order_id="online-4")
    drawer = cash.drawer_balance(db)
    with pytest.raises(ValidationError):  # the weight goes on the courier's sheet
        online_orders.send_online_order(db, operator, order_id="online-4", waybill="9123456789012", carrier="POST", weight_g=0)
    sent = online_orders.send_online_order(db, operator, order_id="online-4", waybill="9123456789012", carrier="POST",
                                          weight_g=2_400)
    parcel = outbound.get_outbound(db, sent.outbound_id)
    assert (parcel.sender_id, parcel.payment, parcel.fee_fen, parcel.weight_g) == (None, "county", 0, 2_400)
    assert (parcel.recipient_name, parcel.recipient_phone_masked, parcel.ewaybill) == ("陈女士", "133****1111", "9123456789012")
    assert parcel.farm_produce and parcel.subsidy_eligible and "蜂蜜" in parcel.contents
    assert cash.drawer_balance(db) == drawer and cash.ledger_problems(db) == []  # the platform pays the postage
    assert [p.id for p in outbound.waiting_for_courier(db, "POST")] == [parcel.id]
    # the same e-waybill cannot go out twice, not even on a villager's parcel
    with pytest.raises(Conflict):
        online_orders.send_online_order(db, operator, order_id="online-4", waybill="9123456789013", carrier="POST", weight_g=1)

    # a wrong e-waybill: cancel the parcel, the order waits packed to be sent again
    outbound.cancel_outbound_parcel(db, operator, outbound_id=parcel.id, reason="面单贴错")
    again = online_orders.get_online_order(db, "online-4")
    assert (again.status, again.waybill, again.outbound_id) == ("packed", None, None)
    assert cash.drawer_balance(db) == drawer
    resent = online_orders.send_online_order(db, operator, order_id="online-4", waybill="9123456789020", carrier="POST",
                                            weight_g=2_400)
    batch = outbound.open_batch(db, operator, carrier="POST")
    outbound.scan_into_batch(db, operator, batch_id=batch.id, code="9123456789020")
    sheet = outbound.close_batch(db, operator, batch_id=batch.id, courier_name="邮政小王")
    assert [p.id for p in sheet.lines] == [resent.outbound_id]
    rebuilt = open_station(tmp_path / "rebuilt.sqlite")
    replay.rebuild(db, rebuilt)
    assert replay.table_differences(db, rebuilt) == []


def test_unpacking_puts_the_goods_back_and_undoes_the_sale(db, operator, listed, tmp_path):
    _, honey, kiwi = listed
    online_order(db, "online-5", honey, kiwi)
    with pytest.raises(Conflict):
        online_orders.unpack_online_order(db, operator, order_id="online-5", reason="县里取消")
    packed = online_orders.pack_online_order(db, operator, order_id="online-5")
    assert balance(db, consignment.RECEIVABLE_COUNTY) == 18_500
    with pytest.raises(ValidationError):
        online_orders.unpack_online_order(db, operator, order_id="online-5", reason=" ")
    # the county cancels after the goods were packed: the keeper unpacks them
    online_order(db, "online-5", honey, kiwi, status="cancelled")
    done = online_orders.unpack_online_order(db, operator, order_id="online-5", reason="县里取消")
    assert (done.status, done.sale_id) == ("cancelled", None)
    assert consignment.get_lot(db, honey.id).on_hand == "5" and consignment.get_lot(db, kiwi.id).on_hand == "30"
    assert consignment.sale_receipt(db, packed.sale_id).status == "voided"
    assert balance(db, consignment.RECEIVABLE_COUNTY) == 0 and cash.ledger_problems(db) == []
    assert consignment.codes_of(db, honey.id, "on_hand") == consignment.codes_of(db, honey.id)  # every jar sellable again
    # not cancelled by the county: the order waits to be packed again
    online_order(db, "online-6", honey, kiwi)
    online_orders.pack_online_order(db, operator, order_id="online-6")
    assert online_orders.unpack_online_order(db, operator, order_id="online-6", reason="装错了").status == "new"
    assert online_orders.pack_online_order(db, operator, order_id="online-6").status == "packed"
    rebuilt = open_station(tmp_path / "rebuilt.sqlite")
    replay.rebuild(db, rebuilt)
    assert replay.table_differences(db, rebuilt) == []


def test_a_villagers_waiting_orders(db, operator, villager):
    first = proxy_orders.place_order(db, operator, person_id=villager.id, catalogue_item_id="cat-fert")
    second = proxy_orders.place_order(db, operator, person_id=villager.id, description="老花镜 300度", estimate=2_000)
    assert [o.number for o in proxy_orders.waiting_orders(db, villager.id)] == [first.number, second.number]
    proxy_orders.receive_order(db, operator, order_id=first.id)
    assert [o.id for o in proxy_orders.waiting_orders(db, villager.id)] == [second.id]


def test_an_order_the_station_cannot_fill_ends_with_its_reason(db, operator, listed, tmp_path):
    _, honey, kiwi = listed
    online_order(db, "online-7", honey, kiwi)
    online_orders.pack_online_order(db, operator, order_id="online-7")
    with pytest.raises(Conflict):  # packed goods come out of the box first
        online_orders.refuse_online_order(db, operator, order_id="online-7", reason="猕猴桃坏了")
    online_orders.unpack_online_order(db, operator, order_id="online-7", reason="猕猴桃坏了")
    before = events.last_seq(db)
    with pytest.raises(ValidationError):
        online_orders.refuse_online_order(db, operator, order_id="online-7", reason="")
    assert events.last_seq(db) == before
    done = online_orders.refuse_online_order(db, operator, order_id="online-7", reason="猕猴桃坏了")
    assert (done.status, done.note, done.sale_id) == ("cancelled", "猕猴桃坏了", None)
    assert consignment.get_lot(db, kiwi.id).on_hand == "30" and cash.ledger_problems(db) == []
    rebuilt = open_station(tmp_path / "rebuilt.sqlite")
    replay.rebuild(db, rebuilt)
    assert replay.table_differences(db, rebuilt) == []
