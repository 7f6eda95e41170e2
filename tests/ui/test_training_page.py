"""The training page and the full-screen sign-in window, driven by the keyboard alone: the
scanner is keystrokes (ASCII payload + Enter), the operator types and presses keys."""

from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from station_app.core import people, training
from station_app.errors import NotFound
from station_app.ids import new_id
from station_app.ui.context import StationContext
from station_app.ui.pages.training import SessionDialog, TrainingPage
from station_app.ui.signin_mode import SignInWindow
from tests.ui.conftest import type_text


def scan(qtbot, widget, payload: str) -> None:
    """What a wedge scanner does: the payload's characters as key presses, then Enter."""
    qtbot.keyClicks(widget, payload)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def running_session(db, actor, clock, capacity=30):
    begins = clock.now()
    session = training.create_session(db, actor, title="电商直播培训", category="farmer", starts_at=begins,
                                      ends_at=begins + timedelta(hours=2), capacity=capacity, place="村委会")
    return training.start_session(db, actor, session.id)


def context(db, operator) -> StationContext:
    ctx = StationContext(db)
    ctx.set_operator(operator)
    return ctx


def test_sign_in_window_takes_scanner_keystrokes(app, qtbot, db, operator, clock):
    alice = people.add_person(db, operator, name="张桂英", phone="13812345678", village="幸福村")
    bob = people.add_person(db, operator, name="刘建国", phone="13900001111", village="东山村")
    session = running_session(db, operator, clock)
    window = SignInWindow(context(db, operator), session.id)
    qtbot.addWidget(window)
    window.show()
    assert not window.entry.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)

    scan(qtbot, window.entry, training.card_payload(alice.id))
    assert window.last.text() == "张桂英"
    assert window.entry.text() == "", "the field is ready for the next card"
    assert window.message.objectName() == "ok"
    assert window.count.text() == window.tr("{count} of {capacity} signed in").format(count=1, capacity=30)

    scan(qtbot, window.entry, "13900001111")  # no card: the phone number typed
    assert window.last.text() == "刘建国"
    assert [a.name for a in training.attendees(db, session.id)] == ["张桂英", "刘建国"]
    assert window.recent.item(0).text().startswith("2. 刘建国")

    # the same card again, a card from another station: said on screen, nothing recorded
    scan(qtbot, window.entry, training.card_payload(alice.id).upper())  # Caps Lock on the scanner
    assert window.message.objectName() == "error" and "张桂英" in window.message.text()
    scan(qtbot, window.entry, training.card_payload(new_id()))
    assert window.message.objectName() == "error"
    assert window.message.text() == str(NotFound(
        "This card belongs to no one registered at this station (a card from another station?): "
        "sign the person in by phone or register them"))
    assert window.last.text() == "刘建国"
    assert len(training.attendees(db, session.id)) == 2
    assert bob.id in [a.person_id for a in training.attendees(db, session.id)]

    # the session ended elsewhere: the next scan is refused with the reason
    training.end_session(db, operator, session.id)
    carol = people.add_person(db, operator, name="陈小红", phone="13700002222")
    scan(qtbot, window.entry, training.card_payload(carol.id))
    assert window.message.objectName() == "error" and "电商直播培训" in window.message.text()
    assert len(training.attendees(db, session.id)) == 2

    qtbot.keyClick(window.entry, Qt.Key.Key_Escape)
    assert not window.isVisible()


def show_active(window):
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)


def answer_session_dialog(qtbot, title, place, capacity):
    """Fill the modal session dialog as soon as it opens, by keyboard, and press Enter."""

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SessionDialog):
            QTimer.singleShot(20, answer)
            return
        try:
            fill(dialog)
        except BaseException as exc:  # never leave a modal dialog open: the test would hang, not fail
            answer_session_dialog.error = exc
            answer_session_dialog.left_open = True
            answer_session_dialog.refusal = ""
            dialog.reject()

    def fill(dialog):
        QTest.qWaitForWindowActive(dialog)  # keys go to the active window; a loaded machine is slow to switch
        type_text(qtbot, dialog.title_edit, title)
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Tab)
        assert dialog.category.hasFocus()
        qtbot.keyClick(dialog.category, Qt.Key.Key_Down)  # farmer -> the next category
        type_text(qtbot, dialog.place, place)
        dialog.capacity.selectAll()
        qtbot.keyClicks(dialog.capacity, str(capacity))
        type_text(qtbot, dialog.lecturers, "赵老师：电子商务师")
        qtbot.keyClick(dialog.place, Qt.Key.Key_Return)
        answer_session_dialog.left_open = dialog.isVisible()
        if dialog.isVisible():
            answer_session_dialog.refusal = dialog.notice.text()
            dialog.reject()

    answer_session_dialog.error = None
    QTimer.singleShot(20, answer)


def test_plan_start_and_sign_in_on_the_page_by_keyboard(app, qtbot, db, operator, tmp_path):
    alice = people.add_person(db, operator, name="张桂英", phone="13812345678", village="幸福村")
    page = TrainingPage(context(db, operator))
    qtbot.addWidget(page)
    show_active(page)
    assert page.sessions.rowCount() == 0

    # an empty title is refused inside the dialog; nothing is planned
    answer_session_dialog(qtbot, "", "村委会", 40)
    qtbot.keyClick(page.entry, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert answer_session_dialog.error is None, answer_session_dialog.error
    assert answer_session_dialog.left_open and answer_session_dialog.refusal
    assert training.list_sessions(db) == []

    show_active(page)
    answer_session_dialog(qtbot, "农产品网店开店培训", "幸福村电商服务站", 40)
    qtbot.keyClick(page.entry, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert answer_session_dialog.error is None, answer_session_dialog.error
    assert not answer_session_dialog.left_open
    (session,) = training.list_sessions(db)
    assert (session.title, session.place, session.capacity) == ("农产品网店开店培训", "幸福村电商服务站", 40)
    assert session.category == list(training.CATEGORIES)[2]
    assert session.lecturers == (training.Lecturer("赵老师", "电子商务师"),)
    assert page.sessions.rowCount() == 1 and page.sessions.item(0, 1).text() == "农产品网店开店培训"

    # signing in before the start is refused on the page; Ctrl+B starts; the scanner signs in
    show_active(page)
    scan(qtbot, page.entry, training.card_payload(alice.id))
    assert page.notice.objectName() == "error"
    qtbot.keyClick(page.entry, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert training.get_session(db, session.id).status == training.RUNNING
    assert page.entry.hasFocus()
    scan(qtbot, page.entry, training.card_payload(alice.id))
    assert page.notice.objectName() == "ok" and "张桂英" in page.notice.text()
    assert page.attendees.rowCount() == 1 and page.attendees.item(0, 1).text() == "张桂英"
    assert page.attendees.item(0, 2).text() == "138****5678", "phones are masked on screen"

    class Printer:  # stands in for the receipt printer's queue (no printer here)
        def __init__(self):
            self.docs = []

        def print(self, doc):
            self.docs.append(doc)
            return "job-1"

    page.ctx.printer = printer = Printer()
    page.attendees.selectRow(0)
    page.print_card()
    (card,) = printer.docs
    assert card.kind == "training_card" and training.card_payload(alice.id) in card.to_json()
    assert "张桂英" in card.to_json() and "138****5678" in card.to_json()
    files = page.write_roster(tmp_path)
    assert [f.suffix for f in files] == [".pdf", ".xlsx"] and all(f.stat().st_size > 1000 for f in files)
    qtbot.keyClick(page.entry, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert training.get_session(db, session.id).status == training.ENDED


def test_sign_in_window_takes_scans_through_the_scan_filter(app, qtbot, db, operator, clock):
    """With the application's wedge filter installed, a burst never reaches the field: the
    router hands it to the window, which signs the trainee in just the same."""
    from station_app.ui.scanning import ScanRouter, install_scanning

    alice = people.add_person(db, operator, name="张桂英", phone="13812345678", village="幸福村")
    session = running_session(db, operator, clock)
    ticks = [100.0]

    def scanner_clock() -> float:  # 8 ms between keys, as a USB scanner types
        ticks[0] += 0.008
        return ticks[0]

    router = ScanRouter()
    scan_filter = install_scanning(router, clock=scanner_clock)
    seen: list[str] = []
    scan_filter.scanned.connect(seen.append)
    try:
        window = SignInWindow(context(db, operator), session.id, router=router)
        qtbot.addWidget(window)
        show_active(window)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        scan(qtbot, window.entry, training.card_payload(alice.id))
        assert seen == [training.card_payload(alice.id)], "the burst went through the filter"
        assert window.last.text() == "张桂英"
        assert window.entry.text() == ""
        assert [a.name for a in training.attendees(db, session.id)] == ["张桂英"]
        window.close()
        assert router.handler_for(window) is None
    finally:
        scan_filter.remove()
