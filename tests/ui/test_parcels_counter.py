"""The parcel counter as a station keeper meets it on a busy morning (issue 16): the big code
shows only the parcel in hand, check-in has no traps, one pickup code brings all of a
villager's parcels, destructive keys ask, a walk-in can send, the weight is read as meant, the
courier is remembered, scans go only where they are wanted — by keyboard and scanner alone."""
# ruff: noqa: F811  (the page's fixtures come from test_parcels_page)

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QFormLayout, QVBoxLayout, QWidget

from station_app.core import events, outbound, parcels, people, shelves
from station_app.ui.context import StationContext
from station_app.ui.pages.parcels import ParcelsPage
from station_app.ui.scanning import ScanRouter
from tests.ui.conftest import show_active, type_text
from tests.ui.test_parcels_page import (  # noqa: F401  (fixtures: her, out, page)
    ALT,
    CTRL,
    PHONE,
    answering,
    check_in,
    her,
    out,
    page,
    scan,
)


def form_label(tab, field) -> str:
    form = next(lay for lay in tab.findChildren(QFormLayout) if lay.indexOf(field) >= 0)
    row, _role = form.getWidgetPosition(field)
    return form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text()


def code_fits(tab) -> bool:
    """The big code is drawn whole in the width it has."""
    return QFontMetrics(tab.code.fitted_font()).horizontalAdvance(tab.code.text()) <= tab.code.width()


# -- 6: the big pickup code --------------------------------------------------------------------


def test_the_big_code_shows_only_the_parcel_in_hand(page, qtbot, db, operator):
    tab = page.check_in
    scan(qtbot, tab.waybill, "YT7500000000011")
    qtbot.keyClicks(tab.phone, "13900001111")
    qtbot.keyClick(tab.phone, Qt.Key.Key_Return)
    first = parcels.find_by_waybill(db, "YT7500000000011")[0]
    assert tab.code.text() == first.pickup_code and tab.state.objectName() == "ok"

    scan(qtbot, tab.waybill, "YT7500000000022")  # the next parcel: the last code must not be read off
    assert tab.code.text() != first.pickup_code and first.pickup_code not in tab.slot.text() + tab.who.text()
    assert "YT7500000000022" in tab.state.text()
    qtbot.keyClick(tab.phone, Qt.Key.Key_Escape)  # nothing typed: cleared without a question
    assert tab.code.text() == "—" and tab.pending is None

    n = events.last_seq(db)
    scan(qtbot, tab.waybill, "YT7500000000011")  # scanned twice: that parcel's code, big, said plainly
    assert tab.code.text() == first.pickup_code and tab.state.objectName() == "error"
    assert first.status_text in tab.state.text() and tab.pending is None and events.last_seq(db) == n
    assert first.slot in tab.slot.text() and "139****1111" in tab.who.text()

    page.resize(1024 - 170, 600)  # the page on a 1024-pixel screen: the code is never cut
    qtbot.waitUntil(lambda: tab.code.width() < 400)
    for code in ("A12-3-45678", first.pickup_code):
        tab.code.setText(code)
        assert code_fits(tab), (code, tab.code.width())


# -- 7: check-in traps --------------------------------------------------------------------------


def test_size_keys_never_change_the_phone_being_typed(page, qtbot, db):
    tab = page.check_in
    assert "Alt" in form_label(tab, tab.size_picker)  # the row says which keys pick the size
    scan(qtbot, tab.waybill, "SF1000000000311")
    qtbot.keyClicks(tab.phone, "1390000111")
    qtbot.keyClick(tab.phone, Qt.Key.Key_2)  # a digit in the phone box is a digit of the phone
    assert tab.phone.text() == "13900001112" and tab.size_picker.value() == shelves.SMALL
    qtbot.keyClick(tab.phone, Qt.Key.Key_2, ALT)  # Alt+2 picks the size from any field
    assert tab.phone.text() == "13900001112" and tab.size_picker.value() == shelves.MEDIUM
    qtbot.keyClick(tab.phone, Qt.Key.Key_Return)
    assert parcels.find_by_waybill(db, "SF1000000000311")[0].size == shelves.MEDIUM


def test_every_common_carrier_is_recognised_at_the_counter(page, qtbot, db):
    tab = page.check_in
    for waybill, carrier in (("SF123456789012", "SF"), ("SF1234567890123", "SF"), ("DPK364112047425", "DEPPON"),
                             ("JD0012345678901", "JD"), ("YT2345678901234", "YTO"), ("78636098066239", "ZTO")):
        scan(qtbot, tab.waybill, waybill)
        assert tab.carrier.currentData() == carrier, waybill
        assert tab.phone.hasFocus()
        qtbot.keyClicks(tab.phone, PHONE)
        qtbot.keyClick(tab.phone, Qt.Key.Key_Return)
        assert parcels.find_by_waybill(db, waybill)[0].carrier == carrier


def test_after_an_ambiguous_scan_the_digits_typed_are_the_phone(page, qtbot, db):
    tab = page.check_in
    scan(qtbot, tab.waybill, "JT0006968326954")  # J&T, or a Best number: the list asks
    assert tab.carrier.hasFocus() and tab.carrier.currentData() == "JT"
    for digit in "13900002222":  # the operator just types the phone, wherever the keyboard is
        qtbot.keyClick(QApplication.focusWidget(), digit)
    assert tab.phone.hasFocus() and tab.phone.text() == "13900002222" and tab.carrier.currentData() == "JT"
    qtbot.keyClick(tab.phone, Qt.Key.Key_Return)
    p = parcels.find_by_waybill(db, "JT0006968326954")[0]
    assert (p.carrier, p.phone) == ("JT", "13900002222")


def test_a_number_no_carrier_rule_knows_is_never_filed_under_a_default(page, qtbot, db):
    tab = page.check_in
    scan(qtbot, tab.waybill, "ABCD12345678")
    assert tab.carrier.hasFocus() and tab.carrier.currentData() == ""  # no silent 中通
    qtbot.keyClick(tab.carrier, Qt.Key.Key_Return)
    qtbot.keyClicks(tab.phone, PHONE)
    n = events.last_seq(db)
    qtbot.keyClick(tab.phone, Qt.Key.Key_Return)
    assert tab.notice.objectName() == "error" and tab.carrier.hasFocus() and events.last_seq(db) == n
    qtbot.keyClick(tab.carrier, Qt.Key.Key_Down)
    qtbot.keyClick(tab.carrier, Qt.Key.Key_Return)
    qtbot.keyClick(tab.phone, Qt.Key.Key_Return)
    assert parcels.find_by_waybill(db, "ABCD12345678")[0].carrier == tab.carrier.itemData(1)


# -- 9: hand-over ----------------------------------------------------------------------------------


def test_one_pickup_code_brings_all_of_the_villagers_parcels(page, qtbot, db, operator, her, clock):
    ages = {}
    for days, gap, kw in ((6, 1, {"phone": None, "person_id": her.id}), (5, 2, {}),
                          (3, 2, {"phone": None, "phone_tail": "5678", "name": "张桂英"}), (1, 1, {})):
        ages[days] = check_in(db, operator, f"YT75000000010{days:02d}", **kw)
        clock.advance(days=gap)
    neighbour = check_in(db, operator, "YT7500000002001", phone=None, phone_tail="5678", name="王五")
    qtbot.keyClick(page, Qt.Key.Key_2, CTRL)
    tab = page.hand_over

    scan(qtbot, tab.search, ages[1].pickup_code)  # the code of yesterday's text message
    assert [p.id for p in tab.found] == [ages[d].parcel_id for d in (6, 5, 3, 1)]  # oldest first
    assert sorted(tab.checked_ids()) == sorted(c.parcel_id for c in ages.values())
    assert neighbour.parcel_id not in [p.id for p in tab.found]
    assert "4" in tab.notice.text() and "6" in tab.notice.text() and tab.notice.objectName() == "ok"
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert all(parcels.get_parcel(db, c.parcel_id).status == parcels.PICKED_UP for c in ages.values())
    assert "张桂英" in tab.notice.text()

    # the code typed from the text message without its dashes
    shelved = check_in(db, operator, "YT7512345670570", phone="13700003333", shelf="5-4")
    qtbot.keyClicks(tab.search, shelved.pickup_code.replace("-", ""))
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    assert tab.checked_ids() == [shelved.parcel_id]

    # someone comes back with a code already collected: when, and to whom (masked)
    qtbot.keyClick(tab.table, Qt.Key.Key_Escape)
    scan(qtbot, tab.search, ages[6].pickup_code)
    text = tab.notice.text()
    assert tab.notice.objectName() == "error" and "张*英" in text and "138****5678" in text and "11-0" in text
    assert tab.search.hasFocus()


def test_a_parcel_with_no_name_is_handed_over_with_its_phone_named(page, qtbot, db, operator):
    nameless = check_in(db, operator, "YT7500000003001", phone="13600004444")
    qtbot.keyClick(page, Qt.Key.Key_2, CTRL)
    tab = page.hand_over
    scan(qtbot, tab.search, nameless.pickup_code)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert parcels.get_parcel(db, nameless.parcel_id).status == parcels.PICKED_UP
    assert "136****4444" in tab.notice.text()  # never "handed to  1"


# -- 8 and 11: sending a parcel --------------------------------------------------------------------


def test_a_walk_in_sends_with_name_and_phone_and_esc_asks_first(page, qtbot, db, operator, out):
    qtbot.keyClick(page, Qt.Key.Key_5, CTRL)
    tab = page.outbound
    people_before = people.count_people(db)
    type_text(qtbot, tab.sender_search, "赵大爷")  # not in the registry
    qtbot.keyClick(tab.sender_search, Qt.Key.Key_Return)
    assert tab.walk_in_phone.hasFocus() and tab.walk_in_name.text() == "赵大爷"
    qtbot.keyClicks(tab.walk_in_phone, "13700002222")
    qtbot.keyClick(tab.walk_in_phone, Qt.Key.Key_Return)
    assert tab.name.hasFocus()
    type_text(qtbot, tab.name, "陈明")
    qtbot.keyClick(tab.name, Qt.Key.Key_Return)
    qtbot.keyClicks(tab.phone, "13900001111")
    qtbot.keyClick(tab.phone, Qt.Key.Key_Return)
    type_text(qtbot, tab.address, "杭州市西湖区文三路1号")

    with answering(Qt.Key.Key_N) as asked:  # Esc with an address typed: asked, N keeps it all
        qtbot.keyClick(tab.address, Qt.Key.Key_Escape)
    assert asked and tab.address.text() == "杭州市西湖区文三路1号" and tab.walk_in_name.text() == "赵大爷"

    qtbot.keyClick(tab.address, Qt.Key.Key_Return)
    type_text(qtbot, tab.contents, "茶叶")
    tab.weight.setFocus()
    qtbot.keyClicks(tab.weight, "120")
    assert "0.12 kg · 120 g" in tab.weight_seen.text()  # shown both ways before saving
    tab.weight.clear()
    qtbot.keyClicks(tab.weight, "25")  # 25 kg of rice or a 25 g letter? the operator says which
    assert tab.weight_seen.objectName() == "error" and "25kg" in tab.weight_seen.text()
    n = events.last_seq(db)
    tab.ewaybill.setFocus()
    scan(qtbot, tab.ewaybill, "73123456789000")
    assert tab.notice.objectName() == "error" and tab.weight.hasFocus() and events.last_seq(db) == n
    qtbot.keyClicks(tab.weight, "25kg")  # the refused weight is selected: typed over
    assert "25 kg · 25000 g" in tab.weight_seen.text()
    qtbot.keyClick(tab.weight, Qt.Key.Key_Return, CTRL)  # the e-waybill is still there: Ctrl+Enter takes it
    assert tab.notice.objectName() == "ok", tab.notice.text()
    sent = outbound.waiting_for_courier(db)[0]
    assert (sent.sender_id, sent.sender_name, sent.sender_phone, sent.weight_g) == (None, "赵大爷", "13700002222", 25_000)
    assert people.count_people(db) == people_before

    type_text(qtbot, tab.sender_search, "钱")
    with answering(Qt.Key.Key_Y):
        qtbot.keyClick(tab.sender_search, Qt.Key.Key_Escape)
    assert tab.sender_search.text() == "" and tab.sender_search.hasFocus()


def test_the_courier_who_came_last_time_is_filled_in(page, qtbot, db, operator, her):
    def send(waybill, carrier):
        outbound.take_outbound_parcel(db, operator, sender_id=her.id, recipient_name="陈明", recipient_phone="13900001111",
                                      recipient_address="杭州", contents="茶叶", weight_g=500, carrier=carrier, ewaybill=waybill)

    def hand_to_courier(waybill, courier=None):
        qtbot.keyClick(tab.carrier, Qt.Key.Key_Return)
        scan(qtbot, tab.scan, waybill)
        if courier:
            qtbot.keyClick(tab.scan, Qt.Key.Key_Tab)
            type_text(qtbot, tab.courier, courier)
        qtbot.keyClick(tab.scan, Qt.Key.Key_Return, CTRL)
        assert tab.notice.objectName() == "ok", tab.notice.text()

    send("73123456789000", "ZTO")
    qtbot.keyClick(page, Qt.Key.Key_6, CTRL)
    tab = page.courier
    assert tab.carrier.currentData() == "ZTO" and tab.courier.text() == ""
    hand_to_courier("73123456789000", "王师傅")
    send("YT1234567890123", "YTO")
    page.ctx.changed.emit(page.watches)
    tab.carrier.setFocus()
    qtbot.keyClick(tab.carrier, Qt.Key.Key_Home)  # the carrier with parcels waiting is listed first
    assert tab.carrier.currentData() == "YTO" and tab.courier.text() == ""  # 王师傅 is ZTO's courier, not YTO's
    hand_to_courier("YT1234567890123", "钱师傅")

    send("73123456789010", "ZTO")  # the next day: each carrier's courier comes again
    send("YT1234567890124", "YTO")
    page.ctx.changed.emit(page.watches)
    names = {}
    for i in range(2):
        tab.carrier.setCurrentIndex(i)
        names[tab.carrier.currentData()] = tab.courier.text()
    assert names == {"ZTO": "王师傅", "YTO": "钱师傅"}
    tab.carrier.setCurrentIndex(tab.carrier.findData("ZTO"))
    hand_to_courier("73123456789010")  # nothing to type: Ctrl+Enter closes the batch
    assert db.value("SELECT count(*) FROM courier_batches WHERE courier_name = '王师傅'") == 2


# -- scans go where the operator is ------------------------------------------------------------------


def test_each_tab_takes_only_the_codes_it_can_use(app, qtbot, db, operator, her, out):
    ctx = StationContext(db)
    ctx.scans = ScanRouter()
    ctx.set_operator(operator)
    host = QWidget()  # the page inside a window, as in the program
    page = ParcelsPage(ctx)
    QVBoxLayout(host).addWidget(page)
    qtbot.addWidget(host)
    host.resize(1100, 700)
    show_active(host)
    ctx.scans.set_active(page)
    page.focus_first()
    n = events.last_seq(db)
    assert not ctx.scans.route("6901234567892")  # a product barcode at check-in: refused, nothing changes
    assert page.check_in.pending is None and page.check_in.waybill.text() == "" and events.last_seq(db) == n
    assert ctx.scans.route("SF1000000000411")  # a waybill starts a parcel
    assert page.check_in.pending == "SF1000000000411"
    qtbot.keyClick(page, Qt.Key.Key_2, CTRL)
    assert not ctx.scans.route("6901234567892") and page.hand_over.search.text() == ""
    qtbot.keyClick(page, Qt.Key.Key_5, CTRL)
    assert page.outbound.sender_search.hasFocus()
    assert ctx.scans.route(PHONE)  # a phone scanned into the sender box finds the sender
    assert page.outbound.sender_search.text() == PHONE and page.outbound.sender_id == her.id
    assert page.outbound.ewaybill.text() == ""
    page.outbound.name.setFocus()  # in a field that takes no scans: a waybill is the e-waybill of the form
    assert not ctx.scans.route(PHONE)
    assert events.last_seq(db) == n


# -- 3: the page fits a station screen -----------------------------------------------------------------


def test_every_tab_fits_a_1024_screen(app, qtbot, db, operator):
    ctx = StationContext(db)
    ctx.set_operator(operator)
    page = ParcelsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        need = page.minimumSizeHint()
        assert need.width() <= 800 and need.height() <= 620, (page.tabs.tabText(i), need.toTuple())
