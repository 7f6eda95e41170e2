"""The whole program fits a station PC's screen: 1366×768 and 1024×768, maximised under a taskbar.

The window never asks for more than the screen (every page sits in a scrolling frame); no page or
tab needs scrolling sideways; only a page that says it is long (`Page.scrolls`) scrolls down; the
status bar stays on screen; a message appearing never makes the window bigger. Large text (elder
mode) still fits 1366 wide. Run on a station with a few weeks of work in its lists.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication, QTabWidget

from station_app.core import settings, simulate
from station_app.core.operators import list_operators
from station_app.db import open_station
from station_app.ui.app import setup_application
from station_app.ui.context import StationContext
from station_app.ui.main_window import MainWindow

SCREENS = [(1366, 768), (1024, 768)]
TASKBAR, TITLE_BAR = 40, 32  # Windows' taskbar and a window's title bar: what a maximised window loses


def client(screen: tuple[int, int]) -> tuple[int, int]:
    return screen[0], screen[1] - TASKBAR - TITLE_BAR


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    db = open_station(tmp_path_factory.mktemp("fit") / "station.sqlite")
    simulate.run(db, 12, seed=7, end=datetime(2026, 11, 2, 1, 30, tzinfo=UTC))
    yield db
    db.close()


@pytest.fixture(scope="module")
def window(qapp, station):
    setup_application(qapp, "zh_CN")
    ctx = StationContext(station)
    ctx.set_operator(list_operators(station)[0])
    win = MainWindow(ctx)
    win.show()
    yield win
    win.close()
    win.deleteLater()


def views(window: MainWindow):
    """Every page, and every tab of the tab widgets on it (a tab is a view of its own)."""
    for index, page in enumerate(window.pages):
        window.nav.setCurrentRow(index)
        QApplication.processEvents()
        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisible()]
        yield page, ""
        for tab_widget in tabs[:1]:
            for t in range(tab_widget.count()):
                tab_widget.setCurrentIndex(t)
                QApplication.processEvents()
                yield page, tab_widget.tabText(t)
            tab_widget.setCurrentIndex(0)


def misfits(window: MainWindow, screen: tuple[int, int], *, down_too: bool = True) -> list[str]:
    width, height = client(screen)
    window.resize(width, height)
    QApplication.processEvents()
    found = []
    for page, tab in views(window):
        frame = window.stack.frame()
        where = f"F{window.pages.index(page) + 1} {page.title()}" + (f" / {tab}" if tab else "")
        viewport = frame.scroller.viewport().size()
        if frame.needs_sideways_scrolling():
            found.append(f"{where}: needs {page.minimumSizeHint().width()} px wide, has {viewport.width()}")
        elif down_too and not page.scrolls and frame.needs_scrolling_down():
            found.append(f"{where}: needs {page.heightForWidth(viewport.width())} px high, has {viewport.height()}")
    return found


@pytest.mark.parametrize("screen", SCREENS, ids=["1366x768", "1024x768"])
def test_the_window_never_asks_for_more_than_the_screen(window, screen):
    width, height = client(screen)
    hint = window.minimumSizeHint()
    assert hint.width() <= width and hint.height() <= height
    window.resize(width, height)
    QApplication.processEvents()
    assert window.size().width() <= width and window.size().height() <= height
    bar = window.statusBar()
    assert bar.isVisible() and bar.geometry().bottom() < window.height()


@pytest.mark.parametrize("screen", SCREENS, ids=["1366x768", "1024x768"])
def test_every_page_and_tab_fits(window, screen):
    assert misfits(window, screen) == []


def test_a_message_never_makes_the_window_bigger(window):
    width, height = client((1024, 768))
    window.resize(width, height)
    window.nav.setCurrentRow(2)
    QApplication.processEvents()
    before = window.size()
    window.stack.frame().tell("扫到的是快递运单（SF1234567890123）：缴费充值不收这种码，没有做任何改动。" * 4)
    page = window.stack.currentWidget()
    page.notice.error("县中心目录里没有这个缴费项目，请换一个项目，或者联系县中心。" * 5)  # type: ignore[attr-defined]
    window.status.show_sync_words("同步没有完成：县级中心暂时连不上，程序会自己再试。" * 5, failed=True)
    QApplication.processEvents()
    assert window.size() == before
    assert window.minimumSizeHint().width() <= width and window.minimumSizeHint().height() <= height
    window.stack.frame().quiet()
    page.notice.clear_message()  # type: ignore[attr-defined]


def test_large_text_still_fits_1366_wide(window, station):
    operator = window.ctx.operator
    settings.set_value(station, operator, "ui.large_text", 1)
    try:
        window.apply_type_size(operator)
        assert QApplication.font().pointSize() == settings.get(station, "ui.font_size") + 3
        width, height = client((1366, 768))
        assert window.minimumSizeHint().width() <= width and window.minimumSizeHint().height() <= height
        assert misfits(window, (1366, 768), down_too=False) == []
    finally:
        settings.set_value(station, operator, "ui.large_text", 0)
        window.apply_type_size(operator)
