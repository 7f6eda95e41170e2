"""Consignment: intake → label → sale → settlement, the money to the fen, and every refusal."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from station_app.core import cash, consignment, events, labels, people, replay, settings
from station_app.core.consignment import IntakeItem, ReturnItem, SaleItem
from station_app.db import open_station
from station_app.errors import Conflict, NotFound, ValidationError


def balance(db, account):
    return db.value("SELECT sum(amount) FROM cash_entries WHERE account = ?", (account,), default=0)


@pytest.fixture
def shop(db, manager, operator):
    """An open cash day with ¥100 float, a poverty-register villager and a cooperative with goods."""
    cash.open_day(db, manager, counted=10_000)
    villager = people.add_person(db, operator, name="张桂英", phone="13812345678", village="东山村", categories=["poverty"])
    her = consignment.register_consignor(db, operator, person_id=villager.id)
    coop = consignment.register_consignor(db, operator, name="幸福村竹编合作社", phone="13900001111", village="幸福村",
                                          commission_pct="15")
    eggs_mushrooms = consignment.take_in(db, operator, consignor_id=her.id, items=[
        IntakeItem("土鸡蛋", "fresh", "盒", 3, 3000, expiry="2026-11-20"),
        IntakeItem("香菇", "processed", "斤", "12.5", 2800)])
    baskets = consignment.take_in(db, operator, consignor_id=coop.id, items=[
        IntakeItem("竹编篮", "craft", "个", 2, 8800, commission_pct="5", photo="photos/basket.jpg")])
    eggs, mushrooms = eggs_mushrooms.lots
    return {"her": her, "coop": coop, "eggs": eggs, "mushrooms": mushrooms, "basket": baskets.lots[0],
            "egg_codes": consignment.codes_of(db, eggs.id), "mushroom_code": consignment.codes_of(db, mushrooms.id)[0],
            "basket_codes": consignment.codes_of(db, baskets.lots[0].id)}


def unchanged(db, before):
    assert events.last_seq(db) == before, "a refused action wrote an event"


# -- traceability codes ---------------------------------------------------------------------


def test_trace_codes_are_20_characters_signed_and_read_from_every_label_form():
    code = consignment.trace_code("station-a", "salt-a", 123, 4)
    assert len(code) == 20 and code.isalnum() and code[5:14] == "000123004"
    parsed = consignment.parse_trace(labels.format_trace(code))
    assert (parsed.code, parsed.lot_no, parsed.unit_no) == (code, 123, 4)
    assert consignment.verify_trace(parsed, "station-a", "salt-a")
    for form in (labels.trace_url("https://hub.example.cn", code), consignment.spaced(code), code.lower(),
                 f"土鸡蛋\n张桂英\n{code}\nhttps://hub.example.cn/t/{code}"):
        assert consignment.parse_trace(form).code == code
    assert not consignment.verify_trace(parsed, "station-a", "other-salt")
    assert not consignment.verify_trace(parsed, "station-b", "salt-a")
    forged = consignment.parse_trace(code[:-1] + ("A" if code[-1] != "A" else "B"))
    assert not consignment.verify_trace(forged, "station-a", "salt-a")
    assert consignment.parse_trace("VS1:P:01a209df-4679-716d-8eb6-0410a97de1df") is None
    assert consignment.parse_trace("73100000000001") is None


def test_intake_gives_one_code_per_counted_unit_and_one_per_weighed_lot(db, shop, operator):
    assert len(shop["egg_codes"]) == 3 and shop["eggs"].per_unit
    assert [consignment.parse_trace(c).unit_no for c in shop["egg_codes"]] == [1, 2, 3]
    assert not shop["mushrooms"].per_unit and consignment.parse_trace(shop["mushroom_code"]).unit_no == 0
    assert shop["mushrooms"].on_hand == "12.5" and shop["basket"].commission_bp == 500
    assert shop["her"].poverty and shop["her"].commission_bp == 1000 and not shop["coop"].poverty
    lot_numbers = [shop["eggs"].lot_no, shop["mushrooms"].lot_no, shop["basket"].lot_no]
    assert lot_numbers == [1, 2, 3]
    assert consignment.label_payload(db, shop["egg_codes"][0]) == "VS1:T:" + shop["egg_codes"][0]
    settings.set_value(db, None, "sync.hub_url", "https://hub.example.cn/api/")
    assert consignment.label_payload(db, shop["egg_codes"][0]) == "https://hub.example.cn/t/" + shop["egg_codes"][0]
    # a big lot of counted goods gets one lot label, not 500
    many = consignment.take_in(db, operator, consignor_id=shop["coop"].id,
                               items=[IntakeItem("竹筷", "craft", "双", 500, 200)])
    assert len(many.codes) == 1 and not many.lots[0].per_unit
    assert len({*shop["egg_codes"], shop["mushroom_code"], *shop["basket_codes"], *many.codes}) == 7


# -- the whole path, to the fen -------------------------------------------------------------


def test_intake_sale_settlement_adds_up_to_the_fen(db, shop, operator, manager, clock):
    e1, e2, _ = shop["egg_codes"]
    sale = consignment.sell(db, operator, items=[
        SaleItem(code=labels.format_trace(e1)), SaleItem(code=e2),
        SaleItem(code=consignment.label_payload(db, shop["mushroom_code"]), quantity="2.5")],
        discount=500, tendered=15_000)
    # list 2 × 30.00 + 2.5 × 28.00 = 130.00, less 5.00 shared 231/269 by list amount
    assert (sale.list_total, sale.discount, sale.total, sale.change) == (13_000, 500, 12_500, 2_500)
    assert [(x.amount, x.commission) for x in sale.lines] == [(5_769, 577), (6_731, 673)]
    assert sale.helps_poverty and sale.number.startswith("XS261102-")
    assert sale.lines[0].codes == (e1, e2) and sale.trace_payloads[e1] == "VS1:T:" + e1
    qr = consignment.sell(db, operator, items=[SaleItem(lot_id=shop["basket"].id)], payment="qr")
    assert (qr.total, qr.lines[0].commission, qr.lines[0].codes) == (8_800, 440, (shop["basket_codes"][0],))
    assert not qr.helps_poverty

    assert cash.ledger_problems(db) == []
    assert cash.drawer_balance(db) == 10_000 + 12_500  # the QR payment never touched the drawer
    assert balance(db, consignment.CLEARING_QR) == 8_800
    assert balance(db, consignment.PAYABLE) == -(5_192 + 6_058 + 8_360)
    assert balance(db, consignment.INCOME) == -(577 + 673 + 440)
    assert consignment.get_lot(db, shop["mushrooms"].id).on_hand == "10"
    assert consignment.balance(db, shop["her"].id).unsettled == 11_250

    clock.advance(days=1)
    seq_before, changes_before = events.last_seq(db), db.conn.total_changes
    preview = consignment.settlement_preview(db, consignor_id=shop["her"].id, start="2026-11-01", end="2026-11-02")
    assert (preview.sales, preview.commission, preview.due, len(preview.lines)) == (12_500, 1_250, 11_250, 2)
    assert (events.last_seq(db), db.conn.total_changes) == (seq_before, changes_before)  # preview writes nothing
    statement = consignment.settle_consignor(db, manager, consignor_id=shop["her"].id, start="2026-11-01", end="2026-11-02")
    assert statement.status == "due" and statement.due == 11_250 and statement.number == "JS00001"
    assert statement.lines[0].receipt == sale.number and statement.signature_label
    drawer = cash.drawer_balance(db)
    paid = consignment.pay_settlement(db, manager, settlement_id=statement.id)
    assert paid.status == "paid" and paid.method == "cash"
    assert cash.drawer_balance(db) == drawer - 11_250
    assert balance(db, consignment.PAYABLE) == -8_360  # she is paid exactly her share; the coop's is still owed
    assert cash.ledger_problems(db) == []
    # nothing settled twice
    with pytest.raises(Conflict):
        consignment.settle_consignor(db, manager, consignor_id=shop["her"].id, start="2026-11-01", end="2026-11-02")
    with pytest.raises(Conflict):
        consignment.pay_settlement(db, manager, settlement_id=statement.id)
    # the coop's is settled by transfer from the keeper's own money: no drawer movement
    coop = consignment.settle_consignor(db, manager, consignor_id=shop["coop"].id, start="2026-11-02", end="2026-11-02")
    with pytest.raises(ValidationError):
        consignment.pay_settlement(db, manager, settlement_id=coop.id, method="transfer")
    drawer = cash.drawer_balance(db)
    consignment.pay_settlement(db, manager, settlement_id=coop.id, method="transfer", reference="WX20261103001")
    assert cash.drawer_balance(db) == drawer and balance(db, consignment.PAYABLE) == 0
    assert cash.ledger_problems(db) == []

    figures = consignment.figures(db, "2026-11-01", "2026-11-30")
    assert (figures.sales, figures.amount, figures.commission) == (2, 21_300, 1_690)
    assert figures.by_category == {"fresh": (1, 5_769), "processed": (1, 6_731), "craft": (1, 8_800)}
    assert (figures.poverty_sales, figures.poverty_amount, figures.poverty_consignors) == (1, 12_500, 1)
    assert (figures.settlements_paid, figures.settlements_paid_amount, figures.lots_taken_in) == (2, 11_250 + 8_360, 3)


# -- refusals ---------------------------------------------------------------------------------


def test_consignor_without_phone_is_refused(db, operator):
    before = events.last_seq(db)
    with pytest.raises(ValidationError) as err:
        consignment.register_consignor(db, operator, name="东山村蜂蜜合作社")
    assert "phone" in err.value.message("en")
    nobody = people.add_person(db, operator, name="李老汉", village="东山村")
    before = events.last_seq(db)
    with pytest.raises(ValidationError):
        consignment.register_consignor(db, operator, person_id=nobody.id)
    with pytest.raises(ValidationError):
        consignment.register_consignor(db, operator, name="合作社", phone="12345")
    with pytest.raises(ValidationError):
        consignment.register_consignor(db, operator, name="合作社", phone="13900001111", commission_pct="80")
    with pytest.raises(NotFound):
        consignment.register_consignor(db, operator, person_id="no-such-person")
    unchanged(db, before)
    # with a phone given at the counter the same villager can consign, but only once
    him = consignment.register_consignor(db, operator, person_id=nobody.id, phone="13700002222")
    assert him.phone_masked == "137****2222"
    with pytest.raises(Conflict):
        consignment.register_consignor(db, operator, person_id=nobody.id, phone="13700002222")


@pytest.mark.parametrize(("item", "words"), [
    (IntakeItem("土鸡蛋", "fresh", "盒", 3, -100), "more than zero"),
    (IntakeItem("土鸡蛋", "fresh", "盒", 3, 0), "more than zero"),
    (IntakeItem("金手镯", "craft", "个", 1, 10_000_001), "not believable"),
    (IntakeItem("土鸡蛋", "fresh", "盒", "2.5", 3000), "whole numbers"),
    (IntakeItem("香菇", "processed", "斤", "-1", 3000), "more than zero"),
    (IntakeItem("香菇", "processed", "斤", "1.2345", 3000), "three decimals"),
    (IntakeItem("香菇", "seafood", "斤", "1", 3000), "kind of goods"),
    (IntakeItem("", "fresh", "斤", "1", 3000), "name"),
    (IntakeItem("牛奶", "fresh", "盒", 3, 500, expiry="2026-10-01"), "expiry"),
    (IntakeItem("牛奶", "fresh", "盒", 3, 500, expiry="明天"), "Date"),
])
def test_bad_intake_is_refused_and_nothing_written(db, shop, operator, item, words):
    before = events.last_seq(db)
    with pytest.raises(ValidationError) as err:
        consignment.take_in(db, operator, consignor_id=shop["her"].id, items=[item])
    assert words in err.value.message("en")
    with pytest.raises(ValidationError) as at_entry:  # the same refusal as the line is typed
        consignment.check_intake_item(db, item)
    assert at_entry.value.message("en") == err.value.message("en")
    unchanged(db, before)


def test_a_good_line_passes_the_check_at_entry(db, shop):
    consignment.check_intake_item(db, IntakeItem("香菇", "processed", "斤", "2.5", 2800, commission_pct="8"))


def test_selling_more_than_on_hand_is_a_conflict(db, shop, operator):
    before = events.last_seq(db)
    with pytest.raises(Conflict) as err:
        consignment.sell(db, operator, items=[SaleItem(lot_id=shop["mushrooms"].id, quantity="12.6")])
    assert "12.5" in str(err.value)
    with pytest.raises(Conflict):
        consignment.sell(db, operator, items=[SaleItem(lot_id=shop["eggs"].id, quantity=2),
                                              SaleItem(lot_id=shop["eggs"].id, quantity=2)])
    with pytest.raises(Conflict):  # the same unit scanned twice
        consignment.sell(db, operator, items=[SaleItem(code=shop["egg_codes"][0]), SaleItem(code=shop["egg_codes"][0])])
    with pytest.raises(ValidationError):
        consignment.sell(db, operator, items=[])
    unchanged(db, before)


def test_foreign_forged_and_reused_labels_are_refused_at_sale(db, shop, operator, tmp_path, clock):
    before = events.last_seq(db)
    other = consignment.trace_code("another-station", "its-salt", 1, 1)
    with pytest.raises(Conflict) as err:
        consignment.sell(db, operator, items=[SaleItem(code=labels.format_trace(other))])
    assert "another station" in err.value.message("en")
    real = shop["egg_codes"][0]
    forged_mac = real[:-6] + ("ZZZZZZ" if real[-6:] != "ZZZZZZ" else "YYYYYY")
    forged_unit = real[:11] + "009" + real[14:]  # a unit that was never printed, with a copied MAC
    for forged in (forged_mac, forged_unit):
        with pytest.raises(ValidationError) as err:
            consignment.sell(db, operator, items=[SaleItem(code=forged)])
        assert "forged" in err.value.message("en")
    with pytest.raises(ValidationError):
        consignment.sell(db, operator, items=[SaleItem(code="VS1:P:01a209df-4679-716d-8eb6-0410a97de1df")])
    with pytest.raises(ValidationError):
        consignment.sell(db, operator, items=[SaleItem(code="hello")])
    unchanged(db, before)
    sold = consignment.sell(db, operator, items=[SaleItem(code=real)])
    before = events.last_seq(db)
    with pytest.raises(Conflict) as err:  # a photocopied label of a sold unit
        consignment.sell(db, operator, items=[SaleItem(code=real)])
    assert sold.number in str(err.value)
    unchanged(db, before)
    # sold out weighed lot
    consignment.sell(db, operator, items=[SaleItem(code=shop["mushroom_code"], quantity="12.5")])
    with pytest.raises(Conflict):
        consignment.sell(db, operator, items=[SaleItem(code=shop["mushroom_code"], quantity="1")])
    # expired goods stay unsold
    clock.advance(days=19)
    with pytest.raises(Conflict) as err:
        consignment.sell(db, operator, items=[SaleItem(code=shop["egg_codes"][1])])
    assert "expired" in err.value.message("en")


def test_discount_is_limited_by_the_county(db, shop, operator):
    items = [SaleItem(lot_id=shop["basket"].id)]
    with pytest.raises(Conflict) as err:
        consignment.sell(db, operator, items=items, discount=1_761)  # > 20 % of 88.00
    assert "20%" in str(err.value)
    with pytest.raises(ValidationError):
        consignment.sell(db, operator, items=items, discount=-1)
    with pytest.raises(ValidationError):
        consignment.sell(db, operator, items=items, tendered=100)
    assert consignment.sell(db, operator, items=items, discount=1_760).total == 7_040


def test_settling_with_a_return_waiting_is_a_conflict(db, shop, operator, manager, clock):
    sale = consignment.sell(db, operator, items=[SaleItem(code=shop["egg_codes"][0]), SaleItem(code=shop["egg_codes"][1])])
    waiting = consignment.return_items(db, operator, sale_id=sale.id, items=[ReturnItem(1, codes=(shop["egg_codes"][1],))],
                                       reason="蛋破了", refund_now=False)
    assert waiting.status == "pending" and waiting.refund == 3_000
    clock.advance(days=1)
    before = events.last_seq(db)
    with pytest.raises(Conflict) as err:
        consignment.settle_consignor(db, manager, consignor_id=shop["her"].id, start="2026-11-01", end="2026-11-02")
    assert waiting.number in str(err.value) and sale.number in str(err.value)
    with pytest.raises(Conflict):  # one waiting return per sale
        consignment.return_items(db, operator, sale_id=sale.id, reason="again", refund_now=False)
    with pytest.raises(ValidationError):
        consignment.settle_consignor(db, manager, consignor_id=shop["her"].id, start="2026-11-02", end="2026-11-01")
    with pytest.raises(ValidationError):  # a period not yet over
        consignment.settle_consignor(db, manager, consignor_id=shop["her"].id, start="2026-11-01", end="2026-11-30")
    unchanged(db, before)
    drawer = cash.drawer_balance(db)
    done = consignment.finish_return(db, operator, return_id=waiting.id)
    assert done.status == "done" and cash.drawer_balance(db) == drawer - 3_000
    assert consignment.check_label(db, shop["egg_codes"][1]).lot.id == shop["eggs"].id  # on hand again
    statement = consignment.settle_consignor(db, manager, consignor_id=shop["her"].id, start="2026-11-01", end="2026-11-03")
    assert [x.kind for x in statement.lines] == ["sale", "return"]
    assert statement.due == (6_000 - 600) - (3_000 - 300)


# -- returns, voids, hand-backs -----------------------------------------------------------------


def test_void_puts_money_and_goods_back_through_the_ledger(db, shop, operator, manager):
    sale = consignment.sell(db, operator, items=[SaleItem(code=shop["egg_codes"][0]),
                                                 SaleItem(lot_id=shop["mushrooms"].id, quantity="3")])
    drawer = cash.drawer_balance(db)
    with pytest.raises(ValidationError):
        consignment.void_sale(db, operator, sale_id=sale.id, reason=" ")
    cash.take_cash(db, manager, amount=drawer - 1_000, memo="存银行")  # too little left to give the money back
    before = events.last_seq(db)
    with pytest.raises(Conflict) as err:
        consignment.void_sale(db, operator, sale_id=sale.id, reason="打错了")
    assert "drawer" in err.value.message("en")
    unchanged(db, before)
    cash.add_float(db, manager, amount=20_000)
    voided = consignment.void_sale(db, operator, sale_id=sale.id, reason="打错了")
    assert voided.status == "voided"
    assert consignment.get_lot(db, shop["mushrooms"].id).on_hand == "12.5"
    assert consignment.check_label(db, shop["egg_codes"][0]).unit_no == 1
    assert balance(db, consignment.PAYABLE) == 0 and balance(db, consignment.INCOME) == 0
    assert cash.ledger_problems(db) == []
    with pytest.raises(Conflict):
        consignment.void_sale(db, operator, sale_id=sale.id, reason="again")
    assert consignment.figures(db, "2026-11-01", "2026-11-30").sales == 0


def test_void_only_in_the_same_cash_day(db, shop, operator, clock):
    sale = consignment.sell(db, operator, items=[SaleItem(code=shop["egg_codes"][0])])
    cash.close_day(db, operator, counted=cash.drawer_balance(db))
    clock.advance(days=1)
    cash.open_day(db, operator, counted=cash.drawer_balance(db))
    with pytest.raises(Conflict) as err:
        consignment.void_sale(db, operator, sale_id=sale.id, reason="昨天打错了")
    assert "return" in err.value.message("en")


def test_partial_returns_add_up_exactly_to_the_sale(db, shop, operator):
    sale = consignment.sell(db, operator, items=[SaleItem(lot_id=shop["mushrooms"].id, quantity="3.3")], discount=7)
    line = sale.lines[0]
    refunds = []
    for qty in ("1.1", "0.7", None):
        r = consignment.return_items(db, operator, sale_id=sale.id, items=[ReturnItem(1, quantity=qty)], reason="称重有误")
        refunds.append((r.refund, r.commission))
    assert sum(x for x, _ in refunds) == line.amount and sum(c for _, c in refunds) == line.commission
    assert consignment.sale_receipt(db, sale.id).status == "returned"
    assert consignment.get_lot(db, shop["mushrooms"].id).on_hand == "12.5"
    with pytest.raises(Conflict):
        consignment.return_items(db, operator, sale_id=sale.id, reason="again")
    assert balance(db, consignment.PAYABLE) == 0 and cash.ledger_problems(db) == []


def test_return_after_settlement_is_deducted_next_time(db, shop, operator, manager, clock):
    sale = consignment.sell(db, operator, items=[SaleItem(code=shop["egg_codes"][0]), SaleItem(code=shop["egg_codes"][1])])
    clock.advance(days=1)
    first = consignment.settle_consignor(db, manager, consignor_id=shop["her"].id, start="2026-11-02", end="2026-11-02")
    consignment.pay_settlement(db, manager, settlement_id=first.id)
    with pytest.raises(Conflict):
        consignment.void_sale(db, operator, sale_id=sale.id, reason="x")
    consignment.return_items(db, operator, sale_id=sale.id, items=[ReturnItem(1, quantity=1)], reason="坏蛋")
    consignment.sell(db, operator, items=[SaleItem(lot_id=shop["mushrooms"].id, quantity="2")])
    clock.advance(days=1)
    second = consignment.settle_consignor(db, manager, consignor_id=shop["her"].id, start="2026-11-03", end="2026-11-03")
    assert second.due == (5_600 - 560) - (3_000 - 300)
    assert [x.amount for x in second.lines] == [-3_000, 5_600] or [x.amount for x in second.lines] == [5_600, -3_000]
    assert cash.ledger_problems(db) == []


def test_returns_exceeding_sales_cannot_be_paid(db, shop, operator, manager, clock):
    sale = consignment.sell(db, operator, items=[SaleItem(code=shop["egg_codes"][0])])
    clock.advance(days=1)
    consignment.pay_settlement(db, manager, settlement_id=consignment.settle_consignor(
        db, manager, consignor_id=shop["her"].id, start="2026-11-02", end="2026-11-02").id)
    consignment.return_items(db, operator, sale_id=sale.id, reason="坏了")
    clock.advance(days=1)
    with pytest.raises(Conflict):
        consignment.settle_consignor(db, manager, consignor_id=shop["her"].id, start="2026-11-03", end="2026-11-03")


def test_hand_back_retires_labels(db, shop, operator, manager):
    consignment.sell(db, operator, items=[SaleItem(code=shop["basket_codes"][0])])
    lots = consignment.hand_back(db, operator, consignor_id=shop["coop"].id, note="合作社取回")
    assert [lot.status for lot in lots] == ["returned"]
    with pytest.raises(Conflict) as err:
        consignment.sell(db, operator, items=[SaleItem(code=shop["basket_codes"][1])])
    assert "handed back" in err.value.message("en")
    with pytest.raises(Conflict):
        consignment.hand_back(db, operator, consignor_id=shop["coop"].id)
    with pytest.raises(Conflict):  # her eggs are not the coop's to take
        consignment.hand_back(db, operator, consignor_id=shop["coop"].id, items=[SaleItem(code=shop["egg_codes"][0])])
    left = consignment.hand_back(db, operator, consignor_id=shop["her"].id,
                                 items=[SaleItem(code=shop["egg_codes"][2]), SaleItem(lot_id=shop["mushrooms"].id, quantity="2")])
    assert [lot.on_hand for lot in left] == ["2", "10.5"]
    assert [lot.lot_no for lot in consignment.stock(db, shop["her"].id)] == [1, 2]
    assert consignment.balance(db, shop["her"].id).on_hand_value == 2 * 3_000 + 105 * 280


def test_cancelled_statement_frees_its_sales(db, shop, operator, manager, clock):
    consignment.sell(db, operator, items=[SaleItem(code=shop["egg_codes"][0])])
    clock.advance(days=1)
    first = consignment.settle_consignor(db, manager, consignor_id=shop["her"].id, start="2026-11-02", end="2026-11-02")
    cancelled = consignment.cancel_settlement(db, manager, settlement_id=first.id, reason="期间选错")
    assert cancelled.status == "cancelled" and len(cancelled.lines) == 1
    again = consignment.settle_consignor(db, manager, consignor_id=shop["her"].id, start="2026-11-01", end="2026-11-02")
    assert again.due == first.due and again.number == "JS00002"


# -- rebuild, and money arithmetic ----------------------------------------------------------------


def test_rebuilt_from_events_equals_the_original(db, shop, operator, manager, clock, tmp_path):
    sale = consignment.sell(db, operator, items=[SaleItem(code=shop["egg_codes"][0]),
                                                 SaleItem(lot_id=shop["mushrooms"].id, quantity="2")], payment="qr")
    consignment.return_items(db, operator, sale_id=sale.id, items=[ReturnItem(2, quantity="0.5")], reason="少称",
                             refund_by="cash")
    pending = consignment.return_items(db, operator, sale_id=sale.id, reason="都不要了", refund_now=False)
    consignment.cancel_return(db, operator, return_id=pending.id, reason="顾客改主意")
    consignment.hand_back(db, operator, consignor_id=shop["coop"].id)
    clock.advance(days=1)
    st_ = consignment.settle_consignor(db, manager, consignor_id=shop["her"].id, start="2026-11-02", end="2026-11-02")
    consignment.pay_settlement(db, manager, settlement_id=st_.id)
    consignment.update_consignor(db, manager, shop["her"].id, phone="13812345679", commission_pct="12")
    rebuilt = open_station(tmp_path / "rebuilt.sqlite")
    replay.rebuild(db, rebuilt)
    assert replay.table_differences(db, rebuilt) == []
    assert cash.ledger_problems(db) == []


@given(st.integers(0, 10_000), st.lists(st.integers(0, 100_000), min_size=1, max_size=8))
def test_discount_allocation_is_exact(total, weights):
    shares = consignment._allocate(total, weights)
    assert sum(shares) == (total if sum(weights) else 0)
    assert all(s >= 0 for s in shares)


@given(st.integers(1, 10_000_000), st.integers(1, 100_000), st.lists(st.integers(1, 1000), min_size=1, max_size=6))
def test_cumulative_portions_sum_to_the_whole(amount, whole, parts):
    done, total = 0, 0
    for part in [*parts, whole]:
        step = min(part, whole - done)
        if step <= 0:
            break
        total += consignment._portion(amount, done + step, whole) - consignment._portion(amount, done, whole)
        done += step
    if done == whole:
        assert total == amount


def test_quantities_and_percentages():
    assert consignment.to_milli("2.5", "斤") == 2500 and consignment.show_qty(2500) == "2.5"
    assert consignment.percent_to_bp("12.5") == 1250 and consignment.show_bp(1250) == "12.5%"
    assert consignment.share_of(5769, 1000) == 577 and consignment.share_of(5, 1000) == 1
    with pytest.raises(ValidationError):
        consignment.to_milli(2.5, "斤")  # floats never reach a quantity
    with pytest.raises(ValidationError):
        consignment.percent_to_bp("12.345")


def test_days_are_local(db, shop, operator, clock):
    clock.advance(hours=14, minutes=45)  # 2026-11-03 00:15 in Shanghai, still 11-02 in UTC
    sale = consignment.sell(db, operator, items=[SaleItem(code=shop["egg_codes"][0])])
    assert sale.number.startswith("XS261103-") and consignment.local_today(db) == "2026-11-03"


def test_label_data_and_trace_record(db, shop, operator):
    labels_ = consignment.label_data(db, shop["eggs"].id)
    assert [d.item_no for d in labels_] == ["1-1", "1-2", "1-3"]
    first = labels_[0]
    assert (first.product, first.producer, first.village, first.quantity, first.price) == ("土鸡蛋", "张桂英", "东山村", "1 盒", 3_000)
    assert first.payload == "VS1:T:" + first.code and first.code_spaced.replace(" ", "") == first.code
    assert first.poverty and first.intake_day == "2026-11-02" and first.expiry == "2026-11-20"
    lot_label = consignment.label_data(db, shop["mushrooms"].id)
    assert [(d.item_no, d.quantity) for d in lot_label] == [("2", "12.5 斤")]
    sale = consignment.sell(db, operator, items=[SaleItem(code=first.code)])
    record = consignment.trace_record(db, first.payload)
    assert record.genuine and (record.status, record.sold_day) == ("sold", "2026-11-02") and sale.total == 3_000
    assert (record.product, record.producer, record.village, record.poverty) == ("土鸡蛋", "张桂英", "东山村", True)
    with pytest.raises(NotFound):
        consignment.trace_record(db, consignment.trace_code("x", "y", 1, 1))
