"""F1 今日, the task board: what needs a person first (warnings), the work waiting as counts that
open the list behind them, and — until a new station is set up — the first-run checklist.

Every count comes from one core query (`core.today.today`); the page only draws it. A scan here
is the one place a waybill, a pickup code or a villager card goes to the parcels page.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.core import today as today_mod
from station_app.core.changes import Changes
from station_app.core.money import format_fen
from station_app.core.station import get_station
from station_app.ui.context import StationContext
from station_app.ui.home.tiles import Tile
from station_app.ui.home.warnings import warnings
from station_app.ui.pages.base import Page
from station_app.ui.scanning import PERSON_CARD, PICKUP, WAYBILL
from station_app.ui.widgets import heading

#: what each tile opens: (target, detail) for MainWindow.open_list
TILES = ("shelf", "overdue", "courier", "bills_waiting", "refunds", "training", "sync", "in_out", "drawer")


class HomePage(Page):
    watches = (Changes.CASH | Changes.PEOPLE | Changes.STATION | Changes.PARCELS | Changes.BILLS
               | Changes.TRAINING | Changes.SYNC | Changes.SETTINGS)
    scan_kinds = frozenset({WAYBILL, PICKUP, PERSON_CARD})

    def __init__(self, ctx: StationContext, parent: QWidget | None = None, *,
                 open_list: Callable[[str], None] | None = None,
                 open_scanned: Callable[[str], bool] | None = None,
                 printer_status: Callable[[], str] | None = None) -> None:
        super().__init__(ctx, parent)
        self.open_list = open_list or (lambda _target: None)
        self.open_scanned = open_scanned
        self.printer_status = printer_status or (lambda: "unknown")
        self.header = heading("")
        self.day = QLabel()
        self.day.setWordWrap(True)
        self.warning_box = QVBoxLayout()
        self.warning_box.setSpacing(4)
        self.warning_buttons: list[QPushButton] = []

        names = {
            "shelf": self.tr("To collect (on the shelf)"),
            "overdue": self.tr("Overdue on the shelf"),
            "courier": self.tr("To hand to the courier"),
            "bills_waiting": self.tr("Bills waiting for the county"),
            "refunds": self.tr("Refunds due"),
            "training": self.tr("Training today"),
            "sync": self.tr("County link"),
            "in_out": self.tr("Today: in · collected · sent"),
            "drawer": self.tr("In the drawer"),
        }
        self.tiles: dict[str, Tile] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        for i, key in enumerate(TILES):
            tile = Tile(names[key], lambda key=key: self.open_list(key))
            self.tiles[key] = tile
            grid.addWidget(tile, i // 3, i % 3)

        self.checklist = QGroupBox(self.tr("Setting up this station"))
        self.checks: dict[str, QPushButton] = {}
        steps = QVBoxLayout(self.checklist)
        for key, text in (("link", self.tr("Connect to the county hub (F12)")),
                          ("printer", self.tr("Set up the receipt printer (F10)")),
                          ("scanner", self.tr("Try the scanner gun (F11)")),
                          ("cash", self.tr("Open the business day (F7, Ctrl+O)"))):
            button = QPushButton(text)
            button.setObjectName("check")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, key=key: self.open_list(key))
            self.checks[key] = button
            steps.addWidget(button)
        steps.addStretch()

        hint = QLabel(self.tr("Tab to a count and press Enter to open its list. Scan a waybill, pickup code or "
                              "villager card here to open the parcel. F1–F11 pages · F12 sync now · Ctrl+L lock"))
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        middle = QHBoxLayout()
        middle.addLayout(grid, 3)
        middle.addWidget(self.checklist, 1)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.day, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.warning_box)
        layout.addLayout(middle)
        layout.addStretch()
        layout.addWidget(hint)
        self.now: today_mod.Today | None = None

    def title(self) -> str:
        return self.tr("Today")

    def focus_first(self) -> None:
        first = self.warning_buttons[0] if self.warning_buttons else self.tiles["shelf"]
        first.setFocus()

    def handle_scan(self, code: str) -> bool | None:
        """A waybill, pickup code or villager card scanned on the board opens that parcel."""
        if self.open_scanned is None:
            return False
        self.open_scanned(code)
        return True

    # -- drawing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        t = today_mod.today(db)
        self.now = t
        station = get_station(db)
        self.header.setText(station.name if station else "")
        if t.cash_day:
            self.day.setText(self.tr("{date} · business day {day} open").format(date=t.day.isoformat(), day=t.cash_day))
        elif t.closed_today:
            self.day.setText(self.tr("{date} · business day closed").format(date=t.day.isoformat()))
        else:
            self.day.setText(self.tr("{date} · business day not open").format(date=t.day.isoformat()))
        self._draw_warnings(t)
        self._draw_tiles(t)
        self._draw_checklist(t)

    def _draw_warnings(self, t: today_mod.Today) -> None:
        for button in self.warning_buttons:
            self.warning_box.removeWidget(button)
            button.deleteLater()
        self.warning_buttons = []
        for w in warnings(t, self.printer_status()):
            button = QPushButton(("⚠ " if w.level != "ok" else "✓ ") + w.text)
            button.setObjectName({"error": "alarm", "warning": "caution"}.get(w.level, "fine"))
            button.setAutoDefault(False)
            button.setToolTip(w.text)
            button.clicked.connect(lambda _=False, target=w.target: self.open_list(target))
            self.warning_box.addWidget(button)
            self.warning_buttons.append(button)

    def _draw_tiles(self, t: today_mod.Today) -> None:
        def count(key: str, n: int, bad: bool = False) -> None:
            self.tiles[key].show_value(str(n), "attention" if bad and n else ("good" if not n else ""))

        count("shelf", t.on_shelf)
        count("overdue", t.overdue, bad=True)
        count("courier", t.for_courier)
        count("bills_waiting", t.bills_waiting, bad=not t.enrolled)
        count("refunds", t.refunds_due, bad=True)
        count("training", t.training_today)
        if not t.enrolled:
            self.tiles["sync"].show_value(self.tr("not connected"), "attention")
        elif t.sync_refused:
            self.tiles["sync"].show_value(self.tr("refused"), "attention", t.sync_refused)
        elif t.sync_age_minutes is None:
            self.tiles["sync"].show_value(self.tr("not yet synced"), "attention")
        else:
            age = self._age(t.sync_age_minutes)
            waiting = self.tr("{age} · {n} to upload").format(age=age, n=t.pending_upload)
            self.tiles["sync"].show_value(waiting, "attention" if t.sync_age_minutes > 24 * 60 else "good")
        self.tiles["in_out"].show_value(f"{t.checked_in} · {t.picked_up} · {t.sent}")
        self.tiles["drawer"].show_value(format_fen(t.drawer))

    def _draw_checklist(self, t: today_mod.Today) -> None:
        done = {"link": t.first_run.county_link, "printer": t.first_run.printer, "scanner": t.first_run.scanner,
                "cash": t.first_run.day_open}
        self.checklist.setVisible(not t.first_run.done)
        for key, button in self.checks.items():
            text = button.text().lstrip("✓✗ ")
            button.setText(("✓ " if done[key] else "✗ ") + text)
            button.setProperty("state", "good" if done[key] else "attention")
            button.style().unpolish(button)
            button.style().polish(button)

    def _age(self, minutes: int) -> str:
        if minutes < 60:
            return self.tr("{m} min ago").format(m=minutes)
        if minutes < 48 * 60:
            return self.tr("{h} h ago").format(h=minutes // 60)
        return self.tr("{d} days ago").format(d=minutes // 1440)
