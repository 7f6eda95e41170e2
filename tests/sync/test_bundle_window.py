"""同步到U盘 and 从U盘导入 in the main window, by keyboard, with the real hub's side of the stick:
the size is shown before anything is written, the bundle is written off the GUI thread, the
county's answer is imported, the pages are told, and the status bar says the county got the
records by USB stick."""

from PySide6.QtCore import Qt

from station_app.core import events
from station_app.core import sync_state as state
from station_app.core.operators import list_operators
from station_app.i18n import translate
from station_app.ui.app import setup_application
from station_app.ui.context import StationContext
from station_app.ui.main_window import MainWindow
from station_app.ui.status_bar import HEARD
from sync import bundle
from sync.hub import bundles
from tests.ui.conftest import show_active
from tests.ui.dialogs import answer_next


def drive(qtbot, folder, *, write):
    """Type the stick's folder and press Enter (and, writing, Enter again once the size shows)."""

    def run(dialog):
        line = dialog.folder.lineEdit()
        line.clear()
        qtbot.keyClicks(line, str(folder))
        qtbot.keyClick(line, Qt.Key.Key_Return)
        if write:
            qtbot.waitUntil(lambda: bool(dialog.summary.text()), timeout=30_000)
            seen = dialog.summary.text()
            assert not bundle.bundles_in(folder)  # nothing written while the size is shown
            qtbot.keyClick(dialog.action, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: ".vsb" in dialog.notice.text(), timeout=30_000)
            layout = dialog.layout()  # the dialog grew to show the message, nothing squeezed
            assert dialog.height() >= layout.totalHeightForWidth(dialog.width()) > 0
        else:
            qtbot.waitUntil(lambda: dialog.worker is None and bool(dialog.notice.text()) and dialog.action.isEnabled(),
                            timeout=30_000)
            seen = dialog.notice.text()
        assert dialog.worker is None  # the step ran on a thread of its own and is done
        return seen

    return run


def test_the_courier_s_stick_from_the_menu(qapp, qtbot, enrolled, live_hub, tmp_path):
    setup_application(qapp, "zh_CN")
    ctx = StationContext(enrolled)
    ctx.set_operator(list_operators(enrolled)[0])
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    show_active(window)
    stick = tmp_path / "stick"
    stick.mkdir()
    menu = window.menuBar().actions()[0].menu()
    assert [a.text() for a in menu.actions()][1:] == [window.to_stick_action.text(), window.from_stick_action.text()]

    written = answer_next(qtbot, Qt.Key.Key_Escape, inspect=drive(qtbot, stick, write=True))
    window.to_stick_action.trigger()
    assert written.done
    head = events.last_seq(enrolled)
    assert str(head) in written.seen and ("MB" in written.seen or "KB" in written.seen)  # what goes, its size
    assert len(bundle.bundles_in(stick)) == 1

    live_hub.hub.push_setting("parcels.overdue_days", 6, station_id=enrolled.local(state.STATION_ID))
    assert bundles.import_stick(live_hub.hub, stick).ok  # at the county
    redraws = []
    ctx.changed.connect(redraws.append)
    imported = answer_next(qtbot, Qt.Key.Key_Escape, inspect=drive(qtbot, stick, write=False))
    window.from_stick_action.trigger()
    assert imported.done and str(head) in imported.seen
    assert state.acked_seq(enrolled) == head and redraws
    said = window.sync_state.text()
    assert said.startswith(translate("MainWindow", HEARD).split("{")[0])
    assert translate("sync", state.HEARD_BY[state.BY_STICK]) in said  # when, and by which path
    assert bundle.bundles_in(stick) == []
