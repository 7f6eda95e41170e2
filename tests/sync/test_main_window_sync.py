"""The main window syncs in the background with a real hub on loopback: F12, status bar, redraw."""

from PySide6.QtCore import Qt

from station_app.core import sync_state
from station_app.core.operators import list_operators
from station_app.ui.app import setup_application
from station_app.ui.context import StationContext
from station_app.ui.main_window import MainWindow
from station_app.ui.sync_worker import SyncWorker
from tests.ui.conftest import show_active


def test_f12_syncs_and_the_status_bar_says_so(qapp, qtbot, enrolled):
    setup_application(qapp, "zh_CN")
    ctx = StationContext(enrolled)
    ctx.set_operator(list_operators(enrolled)[0])
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    worker = SyncWorker(enrolled.path, start_delay_s=3600, parent=window)
    window.attach_sync(worker)
    worker.start()
    try:
        show_active(window)
        assert "待上传" in window.sync_state.text() and sync_state.pending_count(enrolled) > 0
        redraws = []
        ctx.changed.connect(redraws.append)
        qtbot.keyClick(window, Qt.Key.Key_F12)
        qtbot.waitUntil(lambda: "上次同步" in window.sync_state.text(), timeout=60_000)
        assert "待上传 0" in window.sync_state.text()
        assert sync_state.pending_count(enrolled) == 0
        assert redraws  # pages were told sync state (and any county data) changed
    finally:
        worker.stop()


def test_photos_missing_from_this_pc_are_shown_after_a_sync(qapp, qtbot, station):
    from sync.client import SyncReport

    setup_application(qapp, "zh_CN")
    ctx = StationContext(station)
    ctx.set_operator(list_operators(station)[0])
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    report = SyncReport("s", 1, 0, 1, 0, 0, None, 0, False, {}, 1, 1, 0.1, evidence_missing_on_disk=2,
                        evidence_missing_files=["evidence/training/a.jpg", "evidence/training/b.jpg"])
    window.on_sync_done(report)
    assert "2" in window.evidence_warning.text() and "照片" in window.evidence_warning.text()
    assert "a.jpg" in window.evidence_warning.toolTip()
    window.on_sync_done(SyncReport("s", 1, 0, 1, 0, 0, None, 0, False, {}, 1, 1, 0.1))
    assert window.evidence_warning.text() == ""
