"""A scan on every page of the running program, by the scanner gun (key bursts through the real
ScanFilter): where it went, and that nothing else changed. Only F1 今日 sends a waybill to the
parcels page; a field that takes a code keeps it (the bill account); a code a page does not
take is said so on that page and changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from station_app.core import cash, consignment, events, labels, parcels, people, training
from station_app.core.consignment import IntakeItem
from station_app.ui.context import StationContext
from station_app.ui.main_window import MainWindow
from station_app.ui.pages.bills import BillsPage
from station_app.ui.pages.parcels import HAND_OVER, ParcelsPage
from station_app.ui.pages.people import PeoplePage
from station_app.ui.pages.scanner import ScannerSettingsPage
from tests.ui.conftest import show_active
from tests.ui.station_hands import Hands

PHONE = "13812345678"
SF = "SF1234567890123"
POWER_ACCOUNT = "3300123456789"


@pytest.fixture
def station(db, manager, operator, clock):
    her = people.add_person(db, manager, name="张桂英", phone=PHONE, village="幸福村")
    cash.open_day(db, manager, counted=10_000)
    shelved = parcels.check_in_parcel(db, operator, waybill="YT7500000000011", phone=PHONE)
    consignor = consignment.register_consignor(db, manager, person_id=her.id)
    intake = consignment.take_in(db, manager, consignor_id=consignor.id,
                                 items=[IntakeItem("土鸡蛋", "fresh", "盒", 3, 3000)])
    trace = consignment.codes_of(db, intake.lots[0].id)[0]
    return {"her": her, "shelved": shelved, "trace": labels.format_trace(trace)}


@pytest.fixture
def program(app, qtbot, db, operator, station):
    ctx = StationContext(db)
    ctx.set_operator(operator)
    hands = Hands(qtbot, ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 696)
    show_active(window)
    yield window, hands
    hands.remove()


def go(window, hands, fkey: int):
    hands.wait_active(window)
    hands.key(getattr(Qt.Key, f"Key_F{fkey}"))
    assert window.stack.currentIndex() == window.page_keys.index(f"F{fkey}")  # the cash point's ⇧F1… sit between
    return window.stack.currentWidget()


def refused_here(window, db, before: int, index: int, kind_word: str) -> None:
    """Nothing changed, and the page on screen says why."""
    assert events.last_seq(db) == before
    assert window.stack.currentIndex() == index
    strip = window.stack.frame().message
    assert strip.isVisible() and strip.objectName() == "error", strip.text()
    assert kind_word in strip.text()


def test_only_the_board_sends_a_waybill_to_the_parcels_page(program, db, station):
    window, hands = program
    go(window, hands, 1)
    hands.scan("YT7500000000011")
    page = window.stack.currentWidget()
    assert isinstance(page, ParcelsPage) and page.tabs.currentIndex() == HAND_OVER
    assert station["shelved"].parcel_id in [p.id for p in page.hand_over.found]


def test_a_bill_account_scanned_into_the_account_field_stays_there(program, db):
    window, hands = program
    page = go(window, hands, 3)
    assert isinstance(page, BillsPage) and page.products.hasFocus()
    hands.key(Qt.Key.Key_Return)  # the first biller (electricity): on to its account
    assert page.account.hasFocus()
    before = events.last_seq(db)
    hands.scan(POWER_ACCOUNT)
    assert window.stack.currentWidget() is page and page.account.text() == POWER_ACCOUNT
    assert page.amount.hasFocus() and events.last_seq(db) == before  # filled, moved on, nothing taken
    hands.type("13812345678")  # a phone typed fast into the amount field is typing, not a scan elsewhere
    assert window.stack.currentWidget() is page


def test_a_parcel_waybill_on_the_bills_page_is_refused_and_changes_nothing(program, db):
    window, hands = program
    page = go(window, hands, 3)
    hands.key(Qt.Key.Key_Return)
    before = events.last_seq(db)
    hands.scan(SF)
    refused_here(window, db, before, 2, SF)
    assert page.account.text() == "" and page.account.hasFocus()


def test_a_waybill_on_a_page_that_does_not_take_it(program, db):
    window, hands = program
    for fkey in (4, 6, 7, 8, 9, 10):
        page = go(window, hands, fkey)
        focus = QApplication.focusWidget()
        text = focus.text() if hasattr(focus, "text") and callable(focus.text) else None
        before = events.last_seq(db)
        hands.scan(SF)
        refused_here(window, db, before, window.page_keys.index(f"F{fkey}"), SF)
        assert window.stack.currentWidget() is page
        if text is not None:
            assert focus.text() == text, page.title()  # the field the keyboard was in is as it was


def test_codes_each_page_takes(program, db, station, clock, operator):
    window, hands = program
    # F6 people: a phone finds the person
    page = go(window, hands, 6)
    assert isinstance(page, PeoplePage)
    hands.scan(PHONE)
    assert page.search.text() == PHONE and page.table.rowCount() == 1
    # F4 consignment: a traceability label goes on the sale
    go(window, hands, 4)
    hands.scan(station["trace"])
    assert window.stack.currentWidget().sale.cart_table.rowCount() == 1
    # F5 training: a villager card signs in to the session signing in
    session = training.create_session(db, operator, title="电商直播培训", category="farmer", starts_at=clock.now(),
                                      ends_at=clock.now() + timedelta(hours=2), capacity=30, place="村委会")
    training.start_session(db, operator, session.id)
    train = go(window, hands, 5)
    train.refresh()
    train.sessions.selectRow(0)
    hands.scan(training.card_payload(station["her"].id))
    assert [a.name for a in training.attendees(db, session.id)] == ["张桂英"]
    # F11 the scanner page: shown, with its kind
    scanner = go(window, hands, 11)
    assert isinstance(scanner, ScannerSettingsPage)
    hands.scan(SF)
    assert scanner.scanner.code.text() == SF and not window.stack.frame().message.isVisible()


def test_an_unknown_code_is_refused_with_the_reason(program, db):
    window, hands = program
    go(window, hands, 7)
    before = events.last_seq(db)
    hands.scan("hello-world!")
    refused_here(window, db, before, 6, "hello-world!")
