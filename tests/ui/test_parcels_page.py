"""The parcels page by keyboard and scanner alone: a scan is the code's characters as key
presses then Enter, the operator types (Chinese through the input method) and presses keys.
Receipts go to a file printer and are decoded back to text."""

import contextlib

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from printer.emulator import decode
from station_app.core import events, labels, outbound, parcels, people, settings, shelves
from station_app.core.changes import Changes
from station_app.core.shelves import Layer
from station_app.core.simulate import county_sends
from station_app.errors import UserError
from station_app.i18n import translate
from station_app.ui.context import StationContext
from station_app.ui.pages.parcels import ParcelsPage
from station_app.ui.parcels.common import all_keys
from station_app.ui.printing import PrinterPort
from station_app.ui.scanning import ScanRouter, install_scanning
from tests.ui.conftest import show_active, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
PHONE = "13812345678"


def scan(qtbot, widget, code: str) -> None:
    """What a wedge scanner does to the focused field: the code as key presses, then Enter."""
    qtbot.keyClicks(widget, code)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def focused():
    return QApplication.focusWidget()


@contextlib.contextmanager
def answering(key):
    """The operator answers the question the next action asks with `key` (Y, N, Escape);
    yields the question's text."""
    asked: list[str] = []

    def press():
        box = QApplication.activeModalWidget()
        if box is None or QApplication.activeWindow() is not box:  # keys reach a window once it is active
            QTimer.singleShot(10, press)
            return
        asked.append(f"{box.windowTitle()}\n{box.text()}" if isinstance(box, QMessageBox) else box.windowTitle())
        QTest.keyClick(QApplication.focusWidget() or box, key)

    before = QApplication.activeWindow()
    QTimer.singleShot(0, press)
    yield asked
    assert asked, "no question was asked"
    if before is not None:  # what a window manager does when a question closes (offscreen has none)
        before.activateWindow()
        assert QTest.qWaitForWindowActive(before)


def refusal(action, *args, **kwargs) -> str:
    with pytest.raises(UserError) as err:
        action(*args, **kwargs)
    return str(err.value)


def printed(ctx, path) -> str:
    assert ctx.printer.queue.wait_idle(10)
    return decode(path.read_bytes()).text


@pytest.fixture
def her(db, manager):
    return people.add_person(db, manager, name="张桂英", phone=PHONE, village="幸福村")


@pytest.fixture
def out(db, manager, tmp_path):
    path = tmp_path / "printer.bin"
    settings.set_value(db, manager, "printer.spec", f"file:{path}")
    return path


@pytest.fixture
def page(app, qtbot, db, operator, out, her):
    ctx = StationContext(db)
    ctx.printer = PrinterPort(db, ctx)
    ctx.set_operator(operator)
    page = ParcelsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 820)
    show_active(page)
    page.focus_first()
    yield page
    ctx.printer.stop()


def check_in(db, who, waybill, **kw):
    kw.setdefault("phone", PHONE)
    return parcels.check_in_parcel(db, who, waybill=waybill, **kw)


# -- check-in ----------------------------------------------------------------------------------


def test_twenty_parcels_checked_in_by_scanner_and_keyboard(page, qtbot, db, manager, her, out):
    shelves.configure_shelves(db, manager, layers=[Layer("1", 1, "small", 30), Layer("1", 2, "small", 30),
                                                   Layer("2", 1, "medium", 10), Layer("2", 2, "large", 10),
                                                   Layer("3", 1, "bulky", 1)])
    expected = [f"YT75000000000{i:02d}" for i in range(1, 9)]
    county_sends(db, [("county.parcel_expected", f"m-{w}", {"waybill": w, "carrier": "YTO", "recipient_name": f"赵{i}",
                                                            **({"phone": f"1390000{i:04d}"} if i % 2 else {"phone_tail": f"{i:04d}"})})
                      for i, w in enumerate(expected)])
    tab = page.check_in
    assert tab.waybill.hasFocus() and not tab.waybill.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    codes = []

    # expected in the manifest: the scan alone checks it in
    for w in expected:
        scan(qtbot, tab.waybill, w)
        assert tab.notice.objectName() == "ok", tab.notice.text()
        assert tab.code.text() == parcels.find_by_waybill(db, w)[0].pickup_code
        assert tab.waybill.hasFocus() and tab.waybill.text() == ""
        codes.append(tab.code.text())
    assert parcels.expected_parcels(db) == []

    # not expected: the carrier guess is taken, the phone typed, Enter
    for i in range(5):
        w = f"SF10000000001{i:02d}"
        scan(qtbot, tab.waybill, w)
        assert tab.phone.hasFocus() and tab.carrier.currentData() == "SF"
        qtbot.keyClicks(tab.phone, PHONE if i == 0 else f"1370000{i:04d}")
        qtbot.keyClick(tab.phone, Qt.Key.Key_Return)
        assert tab.notice.objectName() == "ok", tab.notice.text()
        codes.append(tab.code.text())
    first_sf = parcels.find_by_waybill(db, "SF1000000000100")[0]
    assert first_sf.person_id == her.id and first_sf.recipient_name == "张桂英"  # the registry knew the phone

    # an ambiguous number: the carrier combo gets the keyboard; Down picks the second guess
    for i in range(3):
        w = f"JT50000000{i:05d}"
        scan(qtbot, tab.waybill, w)
        assert tab.carrier.hasFocus() and tab.carrier.currentData() == "JT"
        if i == 2:
            qtbot.keyClick(tab.carrier, Qt.Key.Key_Down)
        qtbot.keyClick(tab.carrier, Qt.Key.Key_Return)
        assert tab.phone.hasFocus()
        qtbot.keyClicks(tab.phone, f"{4321 + i}")  # only the last four digits (a privacy waybill)
        qtbot.keyClick(tab.phone, Qt.Key.Key_Tab)
        assert tab.name.hasFocus()
        type_text(qtbot, tab.name, ["钱七", "孙八", "周九"][i])
        qtbot.keyClick(tab.name, Qt.Key.Key_Tab)
        assert tab.size_picker.hasFocus()
        qtbot.keyClick(tab.size_picker, Qt.Key.Key_2)
        qtbot.keyClick(tab.size_picker, Qt.Key.Key_Return)
        assert tab.notice.objectName() == "ok", tab.notice.text()
        codes.append(tab.code.text())
    jt = parcels.find_by_waybill(db, "JT5000000000001")[0]
    assert (jt.carrier, jt.phone_tail, jt.recipient_name, jt.size, jt.shelf) == ("JT", "4322", "孙八", "medium", "2")
    assert parcels.find_by_waybill(db, "JT5000000000002")[0].carrier == "BEST"

    # sizes by Alt+1..4 from anywhere in the form; bulky goes to the floor space
    for w, size_key, phone in (("SF2000000000001", Qt.Key.Key_3, "13600000001"), ("SF2000000000002", Qt.Key.Key_4, "13600000002"),
                               ("YT7512345676075", None, "13600000003"), ("YT7512345676076", None, "13600000004")):
        scan(qtbot, tab.waybill, w)
        qtbot.keyClicks(tab.phone, phone)
        if size_key:
            qtbot.keyClick(tab.phone, size_key, ALT)
        qtbot.keyClick(tab.phone, Qt.Key.Key_Return)
        assert tab.notice.objectName() == "ok", tab.notice.text()
        codes.append(tab.code.text())
    assert parcels.find_by_waybill(db, "SF2000000000001")[0].size == "large"
    assert parcels.find_by_waybill(db, "SF2000000000002")[0].slot == "3-1"
    assert parcels.find_by_waybill(db, "YT7512345676076")[0].slot in tab.slot.text()

    # refused: nothing recorded, the message on screen, the keyboard where the fix goes
    n = events.last_seq(db)
    scan(qtbot, tab.waybill, expected[0])  # checked in already
    assert tab.notice.objectName() == "error" and codes[0] in tab.notice.text()
    assert tab.waybill.hasFocus()
    qtbot.keyClick(tab.waybill, Qt.Key.Key_Escape)
    scan(qtbot, tab.waybill, "SF3000000000001")
    scan(qtbot, tab.phone, "SF3000000000002")  # the next waybill scanned into the phone field
    assert tab.notice.text() == refusal(parcels.check_phone_field, "SF3000000000002")
    assert tab.phone.hasFocus()
    tab.phone.clear()
    qtbot.keyClicks(tab.phone, "13600000009")
    qtbot.keyClick(tab.phone, Qt.Key.Key_4, ALT)
    qtbot.keyClick(tab.phone, Qt.Key.Key_Return)  # the one bulky place is taken
    assert tab.notice.objectName() == "error" and tab.notice.text() == refusal(shelves.choose_slot, db, "bulky")
    assert tab.waybill.hasFocus()
    with answering(Qt.Key.Key_Y):  # the phone was typed by hand: Esc asks before it is wiped
        qtbot.keyClick(tab.waybill, Qt.Key.Key_Escape)
    assert tab.waybill.text() == "" and tab.pending is None and tab.phone.text() == ""
    scan(qtbot, tab.waybill, "13812345678")  # a phone scanned as a waybill
    assert tab.notice.objectName() == "error" and tab.pending is None
    assert events.last_seq(db) == n

    assert len(codes) == 20 and len(set(codes)) == 20
    assert len(parcels.on_shelf(db)) == 20
    assert tab.table.rowCount() == 20 and tab.table.item(0, 0).text() == codes[-1]
    slips = printed(page.ctx, out)
    assert slips.count(translate("receipt", "Parcel pickup slip")) == 20
    for code in codes:
        assert code in slips


def test_a_wedge_scan_routed_to_the_page_checks_in_and_finds(page, qtbot, db):
    """The global scanner filter takes a burst wherever the keyboard is and hands it to
    `handle_scan`: at check-in a waybill starts a parcel, a pickup code means a collection."""
    county_sends(db, [("county.parcel_expected", "m-1", {"waybill": "YT7500000000042", "carrier": "YTO",
                                                         "recipient_name": "赵六", "phone": "13900001111"})])
    t = [100.0]
    router = ScanRouter()
    router.set_handler(page, page.handle_scan)
    router.set_active(page)
    scan_filter = install_scanning(router, clock=lambda: t[0])
    try:
        def wedge(code: str) -> None:
            for ch in code:
                t[0] += 0.008
                qtbot.keyClick(focused(), ch)
            t[0] += 0.008
            qtbot.keyClick(focused(), Qt.Key.Key_Return)
            t[0] += 1

        page.check_in.name.setFocus()  # the keyboard is in a name field, input method on
        wedge("YT7500000000042")
        code = page.check_in.code.text()
        assert parcels.find_by_waybill(db, "YT7500000000042")[0].pickup_code == code
        assert page.check_in.name.text() == ""
        wedge(code)
        assert page.tabs.currentWidget() is page.hand_over
        assert page.hand_over.table.rowCount() == 1 and page.hand_over.table.hasFocus()
    finally:
        scan_filter.remove()


# -- hand-over ---------------------------------------------------------------------------------


def test_hand_over_by_pickup_code_phone_tail_waybill_and_card(page, qtbot, db, operator, her):
    by_code = check_in(db, operator, "YT1000000000001", phone="13900001111")
    by_tail = [check_in(db, operator, "YT1000000000002"), check_in(db, operator, "SF1000000000003")]  # 张桂英's two
    by_waybill = check_in(db, operator, "JT1000000000004", phone=None, phone_tail="4444", name="李四")
    by_card = check_in(db, operator, "YT1000000000005", phone="13700002222", name="王五")
    wang = people.add_person(db, operator, name="王五", phone="13700002222")
    qtbot.keyClick(page, Qt.Key.Key_2, CTRL)
    tab = page.hand_over
    assert tab.search.hasFocus() and not tab.search.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)

    # 1. the pickup code from the text message
    scan(qtbot, tab.search, by_code.pickup_code)
    assert tab.table.rowCount() == 1 and tab.checked_ids() == [by_code.parcel_id] and tab.table.hasFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    p = parcels.get_parcel(db, by_code.parcel_id)
    assert p.status == parcels.PICKED_UP and p.collector == "self"
    assert db.value("SELECT verified_by FROM parcels WHERE id = ?", (p.id,)) == "code"
    assert by_code.pickup_code in tab.done.text() and tab.search.hasFocus() and tab.table.rowCount() == 0

    # 2. the last four digits: both of hers come up ticked; Space unticks one; consent recorded
    qtbot.keyClicks(tab.search, "5678")
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    assert sorted(tab.checked_ids()) == sorted(c.parcel_id for c in by_tail)
    assert tab.consent.isVisible() and not tab.consent_on_record.isVisible()
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    qtbot.keyClick(tab.table, Qt.Key.Key_Space)
    kept = tab.checked_ids()
    left = next(c for c in by_tail if c.parcel_id not in kept)
    assert len(kept) == 1
    qtbot.keyClick(tab.table, Qt.Key.Key_C, ALT)
    assert tab.consent.isChecked()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert parcels.get_parcel(db, kept[0]).status == parcels.PICKED_UP
    assert parcels.get_parcel(db, left.parcel_id).on_shelf
    assert parcels.consent_for(db, person_id=her.id) is not None
    scan(qtbot, tab.search, left.pickup_code)  # the consent now shows as on record
    assert tab.consent_on_record.isVisible() and not tab.consent.isVisible()
    qtbot.keyClick(tab.table, Qt.Key.Key_Escape)

    # 3. the waybill scanned off the parcel, collected by a neighbour (Alt+D, name typed)
    scan(qtbot, tab.search, "JT1000000000004")
    assert tab.checked_ids() == [by_waybill.parcel_id]
    qtbot.keyClick(tab.table, Qt.Key.Key_D, ALT)
    assert tab.proxy_name.hasFocus()
    qtbot.keyClick(tab.proxy_name, Qt.Key.Key_Return)  # no name yet: refused, nothing changed
    assert tab.notice.objectName() == "error" and parcels.get_parcel(db, by_waybill.parcel_id).on_shelf
    type_text(qtbot, tab.proxy_name, "李大妈")
    qtbot.keyClick(tab.proxy_name, Qt.Key.Key_Return)
    p = parcels.get_parcel(db, by_waybill.parcel_id)
    assert (p.status, p.collector, p.proxy_name) == (parcels.PICKED_UP, "proxy", "李大妈")

    # 4. the villager card (identity QR)
    scan(qtbot, tab.search, labels.format_person(wang.id))
    assert tab.checked_ids() == [by_card.parcel_id]
    qtbot.keyClick(tab.table, Qt.Key.Key_Return, CTRL)
    assert parcels.get_parcel(db, by_card.parcel_id).status == parcels.PICKED_UP

    # unknown codes and parcels gone already: said plainly
    scan(qtbot, tab.search, "9-9-9999")
    assert tab.notice.objectName() == "error" and "9-9-9999" in tab.notice.text() and tab.search.hasFocus()
    tab.search.clear()
    scan(qtbot, tab.search, "YT1000000000001")
    assert tab.notice.objectName() == "error" and parcels.get_parcel(db, by_code.parcel_id).status_text in tab.notice.text()
    tab.search.clear()
    qtbot.keyClick(tab.search, Qt.Key.Key_Tab)
    type_text(qtbot, tab.name_search, "张桂英")
    qtbot.keyClick(tab.name_search, Qt.Key.Key_Return)
    assert tab.checked_ids() == [left.parcel_id]
    assert db.value("SELECT count(*) FROM parcels WHERE status = 'picked_up'") == 4


# -- overdue and returns ---------------------------------------------------------------------------


def test_overdue_reminders_returns_and_problems(page, qtbot, db, operator, clock, tmp_path):
    old = [check_in(db, operator, f"YT20000000000{i}", phone=f"1390000000{i}") for i in range(3)]
    clock.advance(days=4)
    fresh = check_in(db, operator, "YT2000000000009")
    qtbot.keyClick(page, Qt.Key.Key_3, CTRL)
    tab = page.overdue
    assert tab.table.rowCount() == 3 and tab.table.hasFocus()

    qtbot.keyClick(tab.table, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(tab.table, Qt.Key.Key_R, CTRL)
    assert tab.notice.objectName() == "ok"
    assert all(parcels.get_parcel(db, c.parcel_id).reminders == 1 for c in old)
    assert len(parcels.notices_for(db, old[0].parcel_id)) == 2  # the arrival and the reminder

    qtbot.keyClick(tab.table, Qt.Key.Key_Down)  # moving picks one row
    qtbot.keyClick(tab.table, Qt.Key.Key_Home)
    first = tab.table.current_key()
    qtbot.keyClick(tab.table, Qt.Key.Key_Tab)
    qtbot.keyClick(tab.note, Qt.Key.Key_Tab)
    assert tab.reason.hasFocus()
    qtbot.keyClick(tab.reason, Qt.Key.Key_Down)  # refused by the recipient
    qtbot.keyClick(tab.reason, Qt.Key.Key_T, CTRL)
    gone = parcels.get_parcel(db, first)
    assert gone.status == parcels.RETURNED and gone.return_reason == "refused"
    assert tab.table.rowCount() == 2

    # a fresh parcel found damaged: scanned into the list, a photo path typed, Ctrl+E
    tab.find_field.setFocus()
    scan(qtbot, tab.find_field, fresh.pickup_code)
    assert tab.table.rowCount() == 3 and tab.table.hasFocus()
    photo = tmp_path / "damaged.jpg"
    photo.write_bytes(b"\xff\xd8")
    qtbot.keyClicks(tab.photo, str(photo))
    qtbot.keyClick(tab.photo, Qt.Key.Key_E, CTRL)
    p = parcels.get_parcel(db, fresh.parcel_id)
    assert (p.status, p.exception_kind, p.photo_path) == (parcels.EXCEPTION, "damaged", str(photo))
    assert db.value("SELECT count(*) FROM parcels WHERE status = 'returned'") == 1
    assert db.value("SELECT count(*) FROM parcels WHERE status = 'exception'") == 1


def test_the_overdue_list_says_whether_each_villager_got_the_text(page, qtbot, db, operator, clock):
    """The parcels that wait too long are the ones whose text may never have arrived: the list
    says, from what the county (or the station's modem) reported, so the operator phones them."""
    sent, failed, waiting = (check_in(db, operator, f"YT21000000000{i}", phone=f"1390000100{i}") for i in range(3))
    silent = check_in(db, operator, "YT2100000000009", phone=None, name="李四")  # no phone: no text
    county_sends(db, [("county.notice_status", "n-1", {"notice_id": sent.notice.id, "status": "sent",
                                                       "at": "2026-11-02T02:00:00.000Z"}),
                      ("county.notice_status", "n-2", {"notice_id": failed.notice.id, "status": "failed",
                                                       "at": "2026-11-02T02:00:00.000Z", "detail": "空号"})])
    clock.advance(days=4)
    qtbot.keyClick(page, Qt.Key.Key_3, CTRL)
    tab = page.overdue
    shown = {key: tab.table.item(r, 7).text() for r, key in enumerate(all_keys(tab.table))}
    t = lambda text: translate("parcels", text)  # noqa: E731
    assert shown[sent.parcel_id] == t("SMS sent")
    assert shown[failed.parcel_id] == t("SMS not sent") + "：空号"
    assert shown[waiting.parcel_id] == t("SMS waiting: the county sends it after the next sync")
    assert shown[silent.parcel_id] == translate("OverdueTab", "No text")


# -- stock-take --------------------------------------------------------------------------------------


def test_stock_take_with_one_missing_and_one_unexpected(page, qtbot, db, operator, clock):
    here = [check_in(db, operator, f"YT30000000000{i}") for i in range(3)]
    gone = check_in(db, operator, "YT3000000000009")
    parcels.hand_over(db, operator, parcel_ids=[gone.parcel_id])
    clock.advance(minutes=5)
    qtbot.keyClick(page, Qt.Key.Key_4, CTRL)
    tab = page.stocktake
    assert tab.shelf.hasFocus()
    scan(qtbot, tab.shelf, "")  # Enter in the (empty) shelf field counts every shelf
    assert tab.scan.hasFocus() and parcels.open_stocktake(db) is not None
    scan(qtbot, tab.scan, here[0].pickup_code)
    scan(qtbot, tab.scan, here[1].parcel.waybill)
    scan(qtbot, tab.scan, here[1].pickup_code)  # the same parcel again
    assert tab.notice.objectName() == "ok"
    scan(qtbot, tab.scan, gone.parcel.waybill)  # handed over, yet here on the shelf
    assert tab.notice.objectName() == "error"
    assert tab.scanned.rowCount() == 4 and parcels.open_stocktake(db).scanned == 3
    with answering(Qt.Key.Key_N) as asked:  # Ctrl+F asks first; N keeps counting
        qtbot.keyClick(tab.scan, Qt.Key.Key_F, CTRL)
    assert "1" in asked[0] and parcels.open_stocktake(db) is not None and tab.scan.hasFocus()
    with answering(Qt.Key.Key_Return):  # Enter out of habit: "keep counting" is the default
        qtbot.keyClick(tab.scan, Qt.Key.Key_F, CTRL)
    assert parcels.open_stocktake(db) is not None
    with answering(Qt.Key.Key_Y):
        qtbot.keyClick(tab.scan, Qt.Key.Key_F, CTRL)
    assert parcels.open_stocktake(db) is None
    assert tab.missing.rowCount() == 1 and tab.unexpected.rowCount() == 1
    assert tab.missing.item(0, 1).text() == here[2].pickup_code and tab.missing.hasFocus()

    qtbot.keyClick(tab.missing, Qt.Key.Key_L)
    assert parcels.get_parcel(db, here[2].parcel_id).exception_kind == "lost"
    assert tab.missing.item(0, 3).text() == translate("parcels", "Lost")
    qtbot.keyClick(tab.missing, Qt.Key.Key_Tab)
    assert tab.unexpected.hasFocus()
    qtbot.keyClick(tab.unexpected, Qt.Key.Key_R)
    back = parcels.get_parcel(db, gone.parcel_id)
    assert back.on_shelf and back.pickup_code == gone.pickup_code
    result = parcels.stocktake_result(db, tab.stocktake_id)
    assert all(i.resolution for i in [*result.missing, *result.unexpected])


# -- outbound and the courier -------------------------------------------------------------------------


def test_outbound_parcel_then_courier_batch_with_printed_sheet(page, qtbot, db, operator, her, out):
    qtbot.keyClick(page, Qt.Key.Key_5, CTRL)
    tab = page.outbound
    assert tab.sender_search.hasFocus()
    type_text(qtbot, tab.sender_search, "张桂")
    assert tab.senders.rowCount() == 1 and tab.sender_id == her.id
    qtbot.keyClick(tab.sender_search, Qt.Key.Key_Return)
    assert tab.name.hasFocus()
    type_text(qtbot, tab.name, "陈明")
    qtbot.keyClick(tab.name, Qt.Key.Key_Return)
    qtbot.keyClicks(tab.phone, "13900001111")
    qtbot.keyClick(tab.phone, Qt.Key.Key_Return)
    type_text(qtbot, tab.address, "杭州市西湖区文三路1号")
    qtbot.keyClick(tab.address, Qt.Key.Key_Return)
    type_text(qtbot, tab.contents, "猕猴桃")
    qtbot.keyClick(tab.contents, Qt.Key.Key_Return)
    assert tab.farm.hasFocus()
    qtbot.keyClick(tab.farm, Qt.Key.Key_Space)
    qtbot.keyClick(tab.farm, Qt.Key.Key_Return)
    assert tab.category.hasFocus() and tab.category.currentData() == "fruit"
    qtbot.keyClick(tab.category, Qt.Key.Key_Return)
    for field in (tab.org_code, tab.org_name, tab.destination, tab.goods_value):  # no cooperative, code or value
        assert field.hasFocus()
        qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClick(tab.out_of_county, Qt.Key.Key_Return)
    assert tab.weight.hasFocus()
    qtbot.keyClicks(tab.weight, "2.5")
    assert "2.5 kg · 2500 g" in tab.weight_seen.text() and "12.00" in tab.fee.text()  # quoted live
    qtbot.keyClick(tab.weight, Qt.Key.Key_Return)
    assert tab.carrier.currentData() == "ZTO"
    qtbot.keyClick(tab.carrier, Qt.Key.Key_Return)
    qtbot.keyClick(tab.payment, Qt.Key.Key_Return)
    assert tab.ewaybill.hasFocus()
    scan(qtbot, tab.ewaybill, "73123456789000")
    assert tab.notice.objectName() == "ok", tab.notice.text()
    sent = outbound.waiting_for_courier(db)
    assert len(sent) == 1 and sent[0].fee_fen == 1200 and sent[0].farm_category == "fruit" and sent[0].sender_id == her.id
    assert tab.sender_search.hasFocus() and tab.name.text() == "" and tab.waiting.rowCount() == 1
    receipt = printed(page.ctx, out)
    assert sent[0].receipt_no in receipt and "73123456789000" in receipt and "￥12.00" in receipt

    # an SF parcel taken by the core, to be refused in the ZTO batch
    sf = outbound.take_outbound_parcel(db, operator, sender_id=her.id, recipient_name="陈明", recipient_phone="13900001111",
                                       recipient_address="杭州", contents="茶叶", weight_g=500, carrier="SF",
                                       ewaybill="SF1234567890123")
    second = outbound.take_outbound_parcel(db, operator, sender_id=her.id, recipient_name="刘强", recipient_phone="13900003333",
                                           recipient_address="上海", contents="香菇", weight_g=800, carrier="ZTO",
                                           ewaybill="73123456789010")
    qtbot.keyClick(page, Qt.Key.Key_6, CTRL)
    tab = page.courier
    assert tab.carrier.hasFocus() and tab.carrier.currentData() == "ZTO"  # the carrier with parcels waiting first
    qtbot.keyClick(tab.carrier, Qt.Key.Key_Return)
    assert tab.scan.hasFocus() and tab.missing.rowCount() == 2
    scan(qtbot, tab.scan, "73123456789000")
    assert tab.scanned.rowCount() == 1 and tab.missing.rowCount() == 1 and tab.notice.objectName() == "ok"
    scan(qtbot, tab.scan, sf.parcel.ewaybill)
    assert tab.notice.objectName() == "error" and tab.scanned.rowCount() == 1
    scan(qtbot, tab.scan, "73123456789000")  # again: counted once
    assert tab.scanned.rowCount() == 1
    qtbot.keyClick(tab.scan, Qt.Key.Key_Tab)
    assert tab.courier.hasFocus()
    type_text(qtbot, tab.courier, "王师傅")
    qtbot.keyClick(tab.courier, Qt.Key.Key_Return)
    assert tab.notice.objectName() == "ok", tab.notice.text()
    assert outbound.get_outbound(db, sent[0].id).status == outbound.HANDED_OVER
    assert outbound.get_outbound(db, second.parcel.id).status == outbound.TAKEN
    sheet = printed(page.ctx, out)
    qtbot.keyClick(tab.carrier, Qt.Key.Key_B, CTRL)  # the next batch: a parcel gone already is refused
    scan(qtbot, tab.scan, "73123456789000")
    assert tab.notice.objectName() == "error" and tab.scanned.rowCount() == 0
    assert translate("receipt", "Courier hand-over sheet") in sheet
    assert "J20261102-ZTO-001" in sheet and "王师傅" in sheet and "2.50kg" in sheet and "73123456789010" in sheet


def test_the_tab_on_screen_redraws_when_parcels_change(page, qtbot, db, operator, her):
    qtbot.keyClick(page, Qt.Key.Key_6, CTRL)
    assert page.courier.missing.rowCount() == 0
    page.ctx.act(outbound.take_outbound_parcel, sender_id=her.id, recipient_name="陈明", recipient_phone="13900001111",
                 recipient_address="杭州", contents="茶叶", weight_g=500, carrier="POST", ewaybill="9812345678901")
    assert page.courier.carrier.itemData(0) == "POST" and "1" in page.courier.carrier.itemText(0)
    page.ctx.changed.emit(Changes.PEOPLE)  # not what this page shows: nothing redrawn


def test_a_waybill_scanned_on_the_home_page_opens_that_parcel(app, qtbot, db, manager):
    from station_app.ui.main_window import MainWindow

    checked = parcels.check_in_parcel(db, manager, waybill="SF1234567890123", phone=PHONE)
    ctx = StationContext(db)
    ctx.scans = ScanRouter(ctx)
    ctx.set_operator(manager)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    show_active(window)
    assert window.stack.currentIndex() == 0  # the home page
    assert ctx.scans.route("SF1234567890123")
    page = window.stack.currentWidget()
    assert isinstance(page, ParcelsPage)
    assert page.tabs.currentWidget() is page.hand_over
    assert [p.id for p in page.hand_over.found] == [checked.parcel_id]
