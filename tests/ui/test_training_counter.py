"""The training page on a station screen (issue 16): titles never cut, the page inside a
1024×768 screen, only training cards and phone numbers taken from the scanner."""

from datetime import timedelta

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from station_app.core import events, people, training
from station_app.ui.context import StationContext
from station_app.ui.pages.training import TrainingPage
from station_app.ui.scanning import ScanRouter
from tests.ui.conftest import show_active

ROOM = (800, 620)  # what a page has on a 1024×768 screen
TITLE = "短视频与直播带货：农产品网店从开店到发货的全流程实操培训"


def training_page(qtbot, db, operator, router=None):
    ctx = StationContext(db)
    ctx.scans = router
    ctx.set_operator(operator)
    host = QWidget()
    page = TrainingPage(ctx, scan_router=router)
    QVBoxLayout(host).addWidget(page)
    qtbot.addWidget(host)
    host.resize(1024 - 170, ROOM[1])
    show_active(host)
    if router is not None:
        router.set_active(page)
    page.host = host  # keeps the window alive as long as the page is used
    return page


def test_a_long_title_is_shown_whole_on_a_small_screen(app, qtbot, db, operator, clock):
    begins = clock.now() + timedelta(days=1)
    training.create_session(db, operator, title=TITLE, category="farmer", starts_at=begins,
                            ends_at=begins + timedelta(hours=3), capacity=40, place="村委会")
    page = training_page(qtbot, db, operator)
    page.refresh()
    item = page.sessions.item(0, 1)
    assert item.text() == TITLE
    cell = page.sessions.visualItemRect(item)
    needed = QFontMetrics(page.sessions.font()).boundingRect(
        QRect(0, 0, cell.width() - 8, 10_000), int(Qt.TextFlag.TextWordWrap), TITLE)
    assert page.sessions.textElideMode() == Qt.TextElideMode.ElideNone
    assert cell.height() >= needed.height(), "the title is cut"
    assert TITLE in page.detail.text() and page.detail.wordWrap()
    need = page.minimumSizeHint()
    assert need.width() <= ROOM[0] and need.height() <= ROOM[1], need.toTuple()


def test_only_cards_and_phones_sign_in_from_the_scanner(app, qtbot, db, operator, clock):
    her = people.add_person(db, operator, name="张桂英", phone="13812345678", village="幸福村")
    session = training.create_session(db, operator, title="电商直播培训", category="farmer", starts_at=clock.now(),
                                      ends_at=clock.now() + timedelta(hours=2), capacity=30, place="村委会")
    training.start_session(db, operator, session.id)
    router = ScanRouter()
    page = training_page(qtbot, db, operator, router)
    page.refresh()
    page.sessions.selectRow(0)
    n = events.last_seq(db)
    assert not router.route("SF1234567890123")  # a parcel's waybill: not for this page, nothing changes
    assert events.last_seq(db) == n and page.notice.text() == ""
    assert router.route(training.card_payload(her.id))
    QApplication.processEvents()
    assert [a.name for a in training.attendees(db, session.id)] == ["张桂英"]
