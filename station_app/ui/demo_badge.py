"""The 演示 badge: a station file whose county data a simulation made up (a demo or training
file, `sync_state.demo_file`) says so at the left of the status bar for as long as it is open,
so nobody takes its county notices, bills or online orders for real ones. Separate from the
status bar's own labels (the hub's real/demo gateways are the county hub's state, this is the
file's)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QStatusBar

from station_app.core.sync_state import demo_file
from station_app.db import Store
from station_app.i18n import QT_TRANSLATE_NOOP

BADGE = QT_TRANSLATE_NOOP("MainWindow", "DEMO FILE")
WHY = QT_TRANSLATE_NOOP("MainWindow", "This station file is a demo: its county data (notices, bill results, online "
                                      "orders, county training) is made up, and it cannot join a real county hub.")


def add_demo_badge(db: Store, bar: QStatusBar) -> QLabel | None:
    """On a demo file, the badge first in `bar` (amber, the reason as its tooltip); else None."""
    if not demo_file(db):
        return None
    badge = QLabel(QCoreApplication.translate("MainWindow", BADGE))
    badge.setObjectName("warning")
    badge.setToolTip(QCoreApplication.translate("MainWindow", WHY))
    badge.setAccessibleDescription(badge.toolTip())
    bar.insertWidget(0, badge)
    return badge
