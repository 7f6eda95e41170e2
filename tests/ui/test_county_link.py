"""The county link explained and connected from the program (F12), with a real hub on loopback:
what "not connected" means and what waits on it, the enrollment code typed in a dialog (the
same `sync.client.enroll` as `station-app enroll`), then F12 syncs and says what it did."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from station_app.core import bills, sync_state
from station_app.ui.context import StationContext
from station_app.ui.county_link import CountyLinkDialog
from station_app.ui.main_window import MainWindow
from station_app.ui.sync_worker import SyncWorker
from sync.testing.live_hub import LiveHub
from tests.ui.conftest import show_active
from tests.ui.dialogs import answer_next, press


def test_not_connected_is_explained_and_f12_connects_then_syncs(app, qtbot, db, tmp_path, operator):
    bills.accept_payment(db, operator, product_id="cmcc.topup", account="13812345678", amount=5000)
    ctx = StationContext(db)
    ctx.set_operator(operator)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    show_active(window)
    home = window.stack.currentWidget()
    assert not sync_state.status(db).enrolled
    warnings = [w.line_text() for w in home.warning_buttons]
    assert any("1" in w and ("county" in w or "县" in w) for w in warnings)  # what waits on the link, first
    assert window.sync_state.objectName() == "warning"

    with LiveHub(f"sqlite:///{tmp_path / 'hub.sqlite'}") as live:
        _, code = live.hub.enroll_code("幸福村电商服务站", "幸福村")
        worker = SyncWorker(db.path, start_delay_s=3600, parent=window)
        window.attach_sync(worker)
        worker.start()
        try:
            def connect(dialog):
                assert isinstance(dialog, CountyLinkDialog)
                assert "1" in dialog.waiting.text()  # the bill waiting on the county, said
                dialog.hub_url.setFocus()
                dialog.hub_url.clear()
                qtbot.keyClicks(dialog.hub_url, live.url)
                dialog.code.setFocus()
                qtbot.keyClicks(dialog.code, "WRONG-CODE")
                qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
                qtbot.waitUntil(lambda: dialog.notice.objectName() == "error" and dialog.connect_button.isEnabled(),
                                timeout=30_000)
                refused = dialog.notice.text()
                dialog.code.clear()
                qtbot.keyClicks(dialog.code, code)
                qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
                qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
                return refused

            link = answer_next(qtbot, inspect=connect, kind=CountyLinkDialog)
            press(qtbot, window, Qt.Key.Key_F12)
            assert link.done and link.seen  # a wrong code was refused with a reason first
            assert sync_state.status(db).enrolled
            # connected: the first sync ran, and the page says what it did in words
            qtbot.waitUntil(lambda: sync_state.pending_count(db) == 0, timeout=60_000)
            strip = window.stack.frame().message
            qtbot.waitUntil(lambda: strip.isVisible() and strip.objectName() == "ok", timeout=30_000)
            assert any(ch.isdigit() for ch in strip.text())

            # F12 again: progress, then the result in words
            strip.clear_message()
            press(qtbot, window, Qt.Key.Key_F12)
            progress = strip.text()
            assert strip.isVisible() and progress
            qtbot.waitUntil(lambda: strip.text() != progress, timeout=30_000)
            assert strip.objectName() == "ok" and worker.isRunning()
        finally:
            worker.stop()
    assert QApplication.activeModalWidget() is None
