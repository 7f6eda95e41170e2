"""The new counter services as an operator uses them, by keyboard in the main window: the cash
point (⇧F1: a withdrawal read back and paid, a 15 yuan one refused, a mistaken one voided, the
bank's settlement that differs flagged), the service ledger (⇧F2), and a county notice that
reaches 今日 after a sync with the real hub, is posted, and is seen posted at the county."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from station_app.core import cash, cashpoint, notices, people, services_ledger, settings
from station_app.ui.context import StationContext
from station_app.ui.main_window import MainWindow
from station_app.ui.notice_dialog import NoticeDialog
from station_app.ui.pages.cashpoint import CashpointPage
from station_app.ui.pages.home import HomePage
from station_app.ui.pages.services import ServicesPage
from station_app.ui.void_reason import VoidReasonDialog
from sync import client
from sync.hub import notices as hub_notices
from sync.hub import station_services
from sync.hub.office_db import ensure_office_tables
from sync.link import Retry
from sync.testing.live_hub import LiveHub
from tests.ui.conftest import show_active, type_text
from tests.ui.dialogs import answer_next, back_to, press

CARD = "6228480402564890018"


class Voice:
    """The station's speaker, listened to."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)


def window_for(qtbot, db, who):
    ctx = StationContext(db)
    ctx.set_operator(who)
    ctx.speaker = Voice()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 696)
    show_active(window)
    return window, ctx


def enter(qtbot, widget, text=""):
    if text:
        type_text(qtbot, widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_the_cash_point_by_keyboard(app, qtbot, db, manager, operator):
    cash.open_day(db, manager, counted=200_000)
    settings.set_value(db, manager, "speech.enabled", 1)
    window, ctx = window_for(qtbot, db, operator)
    press(qtbot, window, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    page = window.stack.currentWidget()
    assert isinstance(page, CashpointPage) and page.card.hasFocus()
    assert window.nav.item(window.pages.index(page)).text().startswith("⇧F1")

    # 15 yuan: refused before anything is asked or paid
    enter(qtbot, page.card, CARD)
    assert page.amount.hasFocus() and "¥1,000.00" in page.card_note.text()
    enter(qtbot, page.amount, "15")
    enter(qtbot, page.trace, "000123")
    qtbot.keyClick(page.terminal_time, Qt.Key.Key_Return)
    enter(qtbot, page.bank, "")
    enter(qtbot, page.villager.edit)
    assert page.notice.objectName() == "error" and "¥10.00" in page.notice.text()
    assert cashpoint.withdrawals_on(db, "2026-11-02") == []

    # 500 yuan, read back and paid (Y), the voucher and the words said
    page.amount.clear()
    enter(qtbot, page.amount, "500")
    page.villager.edit.setFocus()
    asked = answer_next(qtbot, Qt.Key.Key_Y, kind=QMessageBox)
    enter(qtbot, page.villager.edit)
    assert asked.done and "¥500.00" in asked.text and "五百元" in asked.text
    back_to(qtbot, window)
    [w] = cashpoint.withdrawals_on(db, "2026-11-02")
    assert (w.amount, w.trace_no, w.card_masked) == (50_000, "000123", "622848*********0018")
    assert cash.drawer_balance(db) == 150_000 and page.today.rowCount() == 1
    assert page.notice.objectName() == "ok" and w.voucher_no in page.notice.text()
    assert ctx.speaker.said == ["取款五百元，请点清"]
    assert page.card.text() == "" and page.card.hasFocus()

    # a second one the terminal declined: voided with a reason
    enter(qtbot, page.card, CARD)
    enter(qtbot, page.amount, "300")
    enter(qtbot, page.trace, "000124")
    answer_next(qtbot, Qt.Key.Key_Y, kind=QMessageBox)
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    back_to(qtbot, window)
    assert len(cashpoint.withdrawals_on(db, "2026-11-02")) == 2
    page.today.selectRow(0)  # the newest first
    page.today.setFocus()

    def give_reason(dialog):
        dialog.reason.setEditText("终端显示交易失败")

    void = answer_next(qtbot, (Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier), inspect=give_reason,
                       kind=VoidReasonDialog)
    press(qtbot, page.today, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert void.done
    back_to(qtbot, window)
    states = {x.trace_no: x.status for x in cashpoint.withdrawals_on(db, "2026-11-02")}
    assert states == {"000123": "paid", "000124": "voided"} and cash.drawer_balance(db) == 150_000

    # the next day the bank settles 10 yuan less: the day is flagged red on the page
    db.clock.advance(days=1)
    page.refresh()
    press(qtbot, page, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert page.bank_total.hasFocus() and page.settle_day.date().toString("yyyy-MM-dd") == "2026-11-02"
    enter(qtbot, page.bank_total, "490")
    assert page.settle_note.objectName() == "error" and "-¥10.00" in page.settle_note.text()
    assert page.days.rowCount() == 1 and page.days.item(0, 4).text() == "-¥10.00"
    assert cashpoint.reconcile(db, "2026-11-02").flagged


def test_the_service_ledger_by_keyboard(app, qtbot, db, manager, operator):
    cash.open_day(db, manager, counted=10_000)
    poor = people.add_person(db, operator, name="刘秀兰", phone="13900001234", village="幸福村",
                             categories=[people.POVERTY])
    window, _ctx = window_for(qtbot, db, operator)
    press(qtbot, window, Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier)
    page = window.stack.currentWidget()
    assert isinstance(page, ServicesPage) and page.category.hasFocus()
    press(qtbot, page, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # 车票机票代购
    assert page.category.currentData() == "tickets" and page.people.hasFocus()
    enter(qtbot, page.people)
    enter(qtbot, page.villager.edit, "刘秀")
    assert "刘秀兰" in page.villager.seen.text() and page.poverty.isChecked()
    enter(qtbot, page.fee, "5")
    enter(qtbot, page.note, "K7034 哈尔滨 11月5日")
    [r] = services_ledger.records_between(db, "2026-11-02", "2026-11-02")
    assert (r.category, r.person_id, r.poverty, r.fee, r.note) == ("tickets", poor.id, True, 500, "K7034 哈尔滨 11月5日")
    assert page.notice.objectName() == "ok" and "FW00001" in page.notice.text()
    assert cash.drawer_balance(db) == 10_500 and page.today.rowCount() == 1
    # a walk-in asking about a policy, for three people, no fee
    press(qtbot, page, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    page.people.setValue(3)
    enter(qtbot, page.people)
    enter(qtbot, page.villager.edit, "张大爷")
    enter(qtbot, page.fee)
    enter(qtbot, page.note, "医保缴费政策")
    f = services_ledger.figures(db, "2026-11-01", "2026-11-30")
    assert (f.records, f.times, f.fees, f.poverty_times) == (2, 4, 500, 1)
    shown = {page.by_category.item(i, 0).text(): page.by_category.item(i, 2).text()
             for i in range(page.by_category.rowCount())}
    assert shown == {"信息咨询": "3", "车票机票代购": "1"}
    assert "4" in page.month.text()


def test_a_county_notice_reaches_today_after_a_sync_and_is_posted(app, qtbot, db, tmp_path, operator, monkeypatch):
    with LiveHub(f"sqlite:///{tmp_path / 'hub.sqlite'}") as live:
        _, code = live.hub.enroll_code("幸福村电商服务站", "幸福村")
        station_id = client.enroll(db, live.url, code, retry=Retry(attempts=3, base=0.01, cap=0.05)).station_id
        ensure_office_tables(live.hub.engine)  # (publish_notice alone does not make the audit log's tables)
        hub_notices.publish_notice(live.hub, title="春耕农资补贴申报", text="各村：\n4月30日前到村委会登记。",
                                   who="县商务局", until="2026-12-31")
        window, _ctx = window_for(qtbot, db, operator)
        home = window.stack.currentWidget()
        assert isinstance(home, HomePage) and home.notice_buttons == []
        client.sync_once(db, retry=Retry(attempts=3, base=0.01, cap=0.05))  # the station's next sync
        home.refresh()
        assert len(home.notice_buttons) == 1 and "春耕农资补贴申报" in home.notice_buttons[0].line_text()
        assert home.notice_buttons[0].objectName() == "caution"
        opened: list[str] = []
        monkeypatch.setattr("station_app.ui.notice_dialog.open_for_printing", lambda path: opened.append(path) or True)

        def print_and_post(dialog):
            assert "4月30日前" in dialog.text.toPlainText()
            qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
            qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            return dialog.state.text()

        shown = answer_next(qtbot, Qt.Key.Key_Escape, inspect=print_and_post, kind=NoticeDialog)
        home.notice_buttons[0].setFocus()
        press(qtbot, home.notice_buttons[0], Qt.Key.Key_Space)
        assert shown.done and opened and opened[0].read_bytes().startswith(b"%PDF")
        back_to(qtbot, window)
        [n] = notices.current_notices(db, db.clock.now().date())
        assert n.posted and home.notice_buttons[0].objectName() == "fine"
        client.sync_once(db, retry=Retry(attempts=3, base=0.01, cap=0.05))
        [posting] = station_services.postings(live.hub)
        assert posting.notice.title == "春耕农资补贴申报" and posting.posted == 1
        assert [(s.station_id, bool(s.posted_at)) for s in posting.stations] == [(station_id, True)]
    assert QApplication.activeModalWidget() is None


class Frames:
    """A webcam for tests: the same picture, a frame at a time."""

    def __init__(self) -> None:
        import numpy

        self.frame = numpy.zeros((120, 160, 3), dtype=numpy.uint8)
        self.frame[:, :, 2] = 200  # red in BGR

    def read(self):
        import time

        time.sleep(0.01)  # a camera's pace
        return True, self.frame.copy()

    def release(self) -> None:
        pass


def test_counter_photos_at_check_in_and_hand_over(app, qtbot, db, manager, operator, monkeypatch):
    from station_app.core import parcels
    from station_app.core.parcels import photos
    from station_app.ui import photo_dialog
    from station_app.ui.pages.parcels import HAND_OVER, ParcelsPage
    from station_app.ui.parcels.photos import ParcelPhotosDialog

    monkeypatch.setattr(photo_dialog, "open_source", lambda _index: Frames())
    settings.set_value(db, manager, "parcels.counter_photos", 1)
    settings.set_value(db, manager, "speech.enabled", 1)
    window, ctx = window_for(qtbot, db, operator)
    press(qtbot, window, Qt.Key.Key_F2)
    page = window.stack.currentWidget()
    assert isinstance(page, ParcelsPage)
    tab = page.check_in

    def wait_for_picture(dialog):
        qtbot.waitUntil(lambda: dialog._last is not None, timeout=10_000)

    taken = answer_next(qtbot, Qt.Key.Key_Space, inspect=wait_for_picture, kind=photo_dialog.PhotoDialog)
    type_text(qtbot, tab.waybill, "SF1000000000901")
    qtbot.keyClick(tab.waybill, Qt.Key.Key_Return)
    type_text(qtbot, tab.phone, "13900001111")
    qtbot.keyClick(tab.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: taken.done, timeout=10_000)
    back_to(qtbot, window)
    parcel = parcels.find_by_waybill(db, "SF1000000000901")[0]
    [first] = photos.photos_of(db, parcel.id)
    assert first.moment == photos.CHECK_IN and photos.photo_path(db, first).read_bytes()[:3] == b"\xff\xd8\xff"
    assert "1" in tab.notice.text()

    # the hand-over: the code said aloud when found, the collector photographed after
    page.tabs.setCurrentIndex(HAND_OVER)
    hand = page.hand_over
    hand.search.setFocus()
    type_text(qtbot, hand.search, parcel.pickup_code or "")
    qtbot.keyClick(hand.search, Qt.Key.Key_Return)
    assert ctx.speaker.said and ctx.speaker.said[-1].startswith("取件码")
    skipped = answer_next(qtbot, Qt.Key.Key_Escape, kind=photo_dialog.PhotoDialog)  # a photo is never required
    press(qtbot, hand.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: skipped.done, timeout=10_000)
    back_to(qtbot, window)
    assert parcels.get_parcel(db, parcel.id).status == parcels.PICKED_UP and len(photos.photos_of(db, parcel.id)) == 1
    again = answer_next(qtbot, Qt.Key.Key_Space, inspect=wait_for_picture, kind=photo_dialog.PhotoDialog)
    press(qtbot, hand, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # Alt+F: photograph the collector now
    qtbot.waitUntil(lambda: again.done, timeout=10_000)
    back_to(qtbot, window)
    assert [p.moment for p in photos.photos_of(db, parcel.id)] == ["check_in", "hand_over"]
    pictures = answer_next(qtbot, Qt.Key.Key_Escape, kind=ParcelPhotosDialog,
                           inspect=lambda d: sum(1 for label in d.findChildren(QLabel) if label.pixmap() and
                                                 not label.pixmap().isNull()))
    press(qtbot, hand, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # Alt+V: the parcel's photos, with it
    qtbot.waitUntil(lambda: pictures.done, timeout=10_000)
    assert "SF1000000000901" in pictures.text and pictures.seen == 2


def test_a_farm_input_is_handed_over_with_its_batch(app, qtbot, db, manager, operator):
    from station_app.core import proxy_orders
    from station_app.core.simulate import county_sends
    from station_app.ui.farm_input_dialog import FarmInputDialog
    from station_app.ui.pages.consignment import ConsignmentPage

    county_sends(db, [("county.catalogue_item", "SEED-958", {"name": "玉米种子", "spec": "2kg", "unit": "袋",
                                                             "price": 6_000, "farm_kind": "seed",
                                                             "producer": "河南秋乐种业", "active": True})])
    cash.open_day(db, manager, counted=10_000)
    who = people.add_person(db, operator, name="赵大山", phone="13900005555", village="幸福村")
    order = proxy_orders.place_order(db, operator, person_id=who.id, catalogue_item_id="SEED-958")
    proxy_orders.receive_order(db, operator, order_id=order.id)
    window, ctx = window_for(qtbot, db, operator)
    page = window.go_to(ConsignmentPage)
    orders = page.orders
    page.tabs.setCurrentWidget(orders)
    orders.refresh()
    orders.table.selectRow(0)

    def write(dialog):
        type_text(qtbot, dialog.batch, "2026-03-A12")
        qtbot.keyClick(dialog.batch, Qt.Key.Key_Return)
        return dialog.producer.text()

    asked = answer_next(qtbot, Qt.Key.Key_Return, inspect=write, kind=FarmInputDialog)
    orders.hand_over()
    assert asked.done and asked.seen == "河南秋乐种业"
    done = proxy_orders.get_order(db, order.id)
    assert (done.status, done.batch, done.producer) == ("closed", "2026-03-A12", "河南秋乐种业")
    assert ctx.speaker.said == [] or ctx.speaker.said[-1].startswith("应付")
