"""A station keeper's morning, at 1366×768 and at 1024×768, by keyboard and scanner gun alone
(key events through the program's real ScanFilter; questions answered by their keys):

open the day · 20 parcels of five carriers checked in · three hand-overs, one a villager with
several parcels · a bill read back and then voided · a consignment intake and a sale · a
training sign-in · the daily close, which asks first. The window never grows past the screen.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from station_app.core import bills, cash, consignment, events, parcels, people, training
from station_app.ui.bill_dialogs import ReadBackDialog, VoidDialog
from station_app.ui.context import StationContext
from station_app.ui.main_window import MainWindow
from station_app.ui.pages.bills import BillsPage
from station_app.ui.pages.cash import CashPage
from station_app.ui.pages.consignment import ConsignmentPage
from station_app.ui.pages.home import HomePage
from station_app.ui.pages.parcels import HAND_OVER, ParcelsPage
from station_app.ui.pages.training import TrainingPage
from tests.ui.conftest import show_active
from tests.ui.dialogs import answer_next, yes
from tests.ui.station_hands import Hands

CTRL = Qt.KeyboardModifier.ControlModifier
TASKBAR, TITLE_BAR = 40, 32
#: five carriers, four parcels each: (waybill, the phone the operator types)
ARRIVALS = [(f"SF10000000{i:05d}", f"1390000{i:04d}") for i in range(1, 5)] + \
           [(f"YT75000000{i:05d}", f"1370000{i:04d}") for i in range(1, 5)] + \
           [(f"JD00{i:011d}", f"1360000{i:04d}") for i in range(1, 5)] + \
           [(f"DPK36411204{i:04d}", f"1350000{i:04d}") for i in range(1, 5)] + \
           [(f"786360980662{i:02d}", f"1380000{i:04d}") for i in range(1, 5)]


@pytest.fixture
def before_the_morning(db, manager, operator, clock):
    """What the station holds when the keeper arrives: yesterday closed, a villager with three
    parcels waiting, another with one, a consignor, today's training, a trainee with a card."""
    zheng = people.add_person(db, manager, name="郑文", phone="13812340001", village="幸福村")
    li = people.add_person(db, manager, name="李大山", phone="13812340002", village="东山村")
    trainee = people.add_person(db, manager, name="王秀兰", phone="13812340003", village="幸福村")
    clock.advance(days=-3)
    cash.open_day(db, manager, counted=50_000)
    waiting = []
    for _ in range(3):
        waiting.append(parcels.check_in_parcel(db, operator, waybill=f"YT7512345{len(waiting):06d}",
                                               phone=zheng.phone))
        clock.advance(days=1)
    li_parcel = parcels.check_in_parcel(db, operator, waybill="SF2000000000001", phone=li.phone)
    consignor = consignment.register_consignor(db, manager, person_id=zheng.id)
    cash.close_day(db, manager, counted=cash.drawer_balance(db))
    clock.advance(hours=12)  # the next morning, 09:30
    begins = clock.now() + timedelta(hours=1)
    session = training.create_session(db, manager, title="农产品网店直播带货", category="farmer",
                                      starts_at=begins, ends_at=begins + timedelta(hours=3), capacity=40,
                                      place="村委会")
    return {"zheng": zheng, "waiting": waiting, "li_parcel": li_parcel, "consignor": consignor,
            "session": session, "trainee": trainee}


@pytest.mark.parametrize("screen", [(1366, 768), (1024, 768)], ids=["1366x768", "1024x768"])
def test_the_morning(app, qtbot, db, operator, before_the_morning, screen):
    state = before_the_morning
    client = (screen[0], screen[1] - TASKBAR - TITLE_BAR)
    ctx = StationContext(db)
    ctx.set_operator(operator)
    hands = Hands(qtbot, ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(*client)
    show_active(window)

    def fits() -> None:
        hint = window.minimumSizeHint()
        assert hint.width() <= client[0] and hint.height() <= client[1], hint.toTuple()
        assert window.width() <= client[0] and window.height() <= client[1], window.size().toTuple()

    def go(fkey: int):
        hands.key(getattr(Qt.Key, f"Key_F{fkey}"))
        assert window.stack.currentIndex() == fkey - 1
        fits()
        return window.stack.currentWidget()

    def tab_to(widget, most: int = 8) -> None:
        for _ in range(most):
            if widget.hasFocus():
                return
            hands.key(Qt.Key.Key_Tab)
        assert widget.hasFocus(), f"Tab never reached {widget}"

    try:
        home = window.stack.currentWidget()
        assert isinstance(home, HomePage)
        assert "营业" in home.day.text() or "business day" in home.day.text()

        # -- open the day ------------------------------------------------------------------------
        till = go(7)
        assert isinstance(till, CashPage) and till.amount.hasFocus()
        hands.type("500")
        hands.key(Qt.Key.Key_O, CTRL)
        assert cash.open_period(db) is not None and till.notice.objectName() == "ok"

        # -- 20 parcels in, five carriers ------------------------------------------------------------
        shelf = go(2)
        assert isinstance(shelf, ParcelsPage)
        tab = shelf.check_in
        assert tab.waybill.hasFocus()
        codes = []
        for waybill, phone in ARRIVALS:
            hands.scan(waybill)
            hands.type(phone)  # into the phone box, or (an ambiguous number) on from the carrier list to it
            assert tab.phone.text() == phone and tab.carrier.currentData(), (waybill, tab.notice.text())
            hands.key(Qt.Key.Key_Return)
            assert tab.notice.objectName() == "ok", (waybill, tab.notice.text())
            checked = parcels.find_by_waybill(db, waybill)[0]
            assert tab.code.text() == checked.pickup_code
            codes.append(checked.pickup_code)
        assert len(set(codes)) == 20
        carriers = {parcels.find_by_waybill(db, w)[0].carrier for w, _ in ARRIVALS}
        assert len(carriers) == 5, carriers
        fits()

        # -- three hand-overs --------------------------------------------------------------------
        hands.key(Qt.Key.Key_2, CTRL)
        assert shelf.tabs.currentIndex() == HAND_OVER
        counter = shelf.hand_over
        hands.scan(state["waiting"][-1].pickup_code)  # 郑文 shows yesterday's text: all three of hers come up
        assert sorted(counter.checked_ids()) == sorted(w.parcel_id for w in state["waiting"])
        hands.key(Qt.Key.Key_Return)
        assert all(parcels.get_parcel(db, w.parcel_id).status == parcels.PICKED_UP for w in state["waiting"])
        assert "郑文" in counter.notice.text()

        go(1)  # 李大山 brings his waybill to the board: it opens his parcel
        hands.scan("SF2000000000001")
        assert window.stack.currentWidget() is shelf and shelf.tabs.currentIndex() == HAND_OVER
        assert counter.checked_ids() == [state["li_parcel"].parcel_id]
        hands.key(Qt.Key.Key_Return)
        assert parcels.get_parcel(db, state["li_parcel"].parcel_id).status == parcels.PICKED_UP

        hands.key(Qt.Key.Key_Escape)  # back to the search box, for the next villager
        assert counter.search.hasFocus()
        hands.type(codes[0].replace("-", ""))  # this morning's code read off the text, without the dashes
        hands.key(Qt.Key.Key_Return)
        first = parcels.find_by_waybill(db, ARRIVALS[0][0])[0]
        assert counter.checked_ids() == [first.id]
        hands.key(Qt.Key.Key_Return)
        assert parcels.get_parcel(db, first.id).status == parcels.PICKED_UP

        # -- a bill, read back, then voided ----------------------------------------------------------
        counter_desk = go(3)
        assert isinstance(counter_desk, BillsPage) and counter_desk.products.hasFocus()
        hands.key(Qt.Key.Key_Home)
        hands.key(Qt.Key.Key_Return)  # 国家电网 电费
        assert counter_desk.account.hasFocus()
        hands.scan("3300123456789")  # the account barcode on last month's bill
        assert counter_desk.account.text() == "3300123456789" and counter_desk.amount.hasFocus()
        hands.type("80")
        hands.key(Qt.Key.Key_Return)
        hands.key(Qt.Key.Key_Return)  # no payer name
        hands.type("100")
        read = answer_next(qtbot, Qt.Key.Key_Return, kind=ReadBackDialog,
                           inspect=lambda d: d.findChild(QLabel, "readbackAccount").text())
        hands.key(Qt.Key.Key_Return)
        assert read.seen == "3300 1234 5678 9"  # read back whole to the villager
        taken = bills.waiting(db)
        assert [b.amount for b in taken] == [8000] and cash.ledger_problems(db) == []
        drawer = cash.drawer_balance(db)
        void = answer_next(qtbot, (Qt.Key.Key_Return, CTRL), kind=VoidDialog)
        hands.key(Qt.Key.Key_Delete, CTRL)  # the villager had brought the wrong bill
        assert void.done
        assert bills.get_bill(db, taken[0].id).state == bills.VOIDED
        assert cash.drawer_balance(db) == drawer - 8000 and bills.waiting(db) == []

        # -- consignment: intake, then a sale -------------------------------------------------------
        shop = go(4)
        assert isinstance(shop, ConsignmentPage)
        hands.key(Qt.Key.Key_2, CTRL)
        intake = shop.intake
        assert intake.item_name.hasFocus()
        assert intake.intake_consignor.currentData() == state["consignor"].id
        hands.type("土鸡蛋")
        tab_to(intake.item_quantity)
        hands.type("3")
        tab_to(intake.item_price)
        hands.type("30")
        hands.key(Qt.Key.Key_Return)
        assert intake.intake_table.rowCount() == 1, shop.notice.text()
        hands.key(Qt.Key.Key_S, CTRL)
        lot = db.row("SELECT * FROM consign_lots WHERE name = '土鸡蛋'")
        assert lot is not None, shop.notice.text()
        label = consignment.codes_of(db, lot["id"])[0]
        hands.key(Qt.Key.Key_1, CTRL)
        assert shop.sale.scan.hasFocus()
        hands.scan(f"VS1:T:{label}")
        assert shop.sale.cart_table.rowCount() == 1
        hands.key(Qt.Key.Key_Return, CTRL)
        assert db.value("SELECT count(*) FROM consign_sales") == 1, shop.notice.text()

        # -- training sign-in ---------------------------------------------------------------------
        classroom = go(5)
        assert isinstance(classroom, TrainingPage)
        hands.key(Qt.Key.Key_B, CTRL)  # start signing in to today's session
        assert training.get_session(db, state["session"].id).status == training.RUNNING, classroom.notice.text()
        hands.scan(training.card_payload(state["trainee"].id))
        assert [a.name for a in training.attendees(db, state["session"].id)] == ["王秀兰"]

        # -- the daily close: asked first --------------------------------------------------------------
        till = go(7)
        expected = cash.drawer_balance(db)
        hands.type(f"{(expected - 200) // 100}.{(expected - 200) % 100:02d}")  # two yuan short
        asked = yes(qtbot)
        hands.key(Qt.Key.Key_D, CTRL)
        assert asked.done and "-¥2.00" in asked.text
        assert cash.open_period(db) is None
        assert till.notice.objectName() == "error"  # short is red, never green
        assert till.history.item(0, 4).text() == "-¥2.00"
        fits()
        assert events.last_seq(db) > 0 and cash.ledger_problems(db) == []
        assert QApplication.activeModalWidget() is None
    finally:
        hands.remove()
