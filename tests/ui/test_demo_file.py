"""A demo station file (county data made up by a simulation) says 演示 in the station window for
as long as it is open, and the county-link dialog says it cannot join a real county before a
code is typed (enrolling refuses it: tests/sync/test_demo_file_enroll.py). A real file shows
neither."""

from __future__ import annotations

import pytest

from station_app.core import operators, simulate
from station_app.core.sync_state import DEMO_FILE
from station_app.db import open_station
from station_app.errors import Conflict
from station_app.ui.context import StationContext
from station_app.ui.county_link import CountyLinkDialog
from station_app.ui.demo_badge import BADGE
from station_app.ui.main_window import MainWindow
from tests.ui.conftest import show_active


@pytest.fixture
def demo_db(tmp_path):
    db = open_station(tmp_path / "demo.sqlite")
    simulate.Simulation(db, 1, seed=9, name="演示村服务站", village="演示村").day()
    yield db
    db.close()


def _window(qtbot, db, operator):
    ctx = StationContext(db)
    ctx.set_operator(operator)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    show_active(window)
    return window


def test_a_demo_file_shows_its_badge_and_cannot_start_enrolling(app, qtbot, demo_db):
    window = _window(qtbot, demo_db, operators.list_operators(demo_db)[0])
    badge = window.demo_badge
    assert badge is not None and badge.isVisible() and badge.objectName() == "warning"
    assert badge.text() == app.translate("MainWindow", BADGE)
    assert badge.x() < window.status.who.x()  # first, at the left of the status bar
    assert badge.geometry().right() < window.width()

    dialog = CountyLinkDialog(demo_db, window)
    qtbot.addWidget(dialog)
    assert dialog.notice.objectName() == "error" and dialog.notice.text() == str(Conflict(DEMO_FILE))
    assert not dialog.connect_button.isEnabled()


def test_a_real_file_shows_no_badge(app, qtbot, db, operator):
    window = _window(qtbot, db, operator)
    assert window.demo_badge is None
    dialog = CountyLinkDialog(db, window)
    qtbot.addWidget(dialog)
    assert dialog.connect_button.isEnabled() and dialog.notice.objectName() != "error"
