"""F1 今日, the task board: what needs a person first (warnings), the work waiting as counts that
open the list behind them, and — until a new station is set up — the first-run checklist.

Every count comes from one core query (`core.today.today`); the page only draws it. A scan here
is the one place a waybill, a pickup code or a villager card goes to the parcels page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from station_app.core import notices
from station_app.core import today as today_mod
from station_app.core.changes import Changes
from station_app.core.money import format_fen
from station_app.core.station import get_station
from station_app.ui.context import StationContext
from station_app.ui.home.tiles import LinkLine, Tile
from station_app.ui.home.warnings import warnings
from station_app.ui.notice_dialog import NoticeDialog
from station_app.ui.pages.base import Page
from station_app.ui.scanning import PERSON_CARD, PICKUP, WAYBILL
from station_app.ui.widgets import done_with, heading

#: what each tile opens: (target, detail) for MainWindow.open_list
TILES = ("shelf", "overdue", "courier", "bills_waiting", "refunds", "training", "sync", "in_out", "drawer")


class HomePage(Page):
    watches = (Changes.CASH | Changes.PEOPLE | Changes.STATION | Changes.PARCELS | Changes.BILLS
               | Changes.TRAINING | Changes.SYNC | Changes.SETTINGS | Changes.SERVICES)
    #: county notices listed on the board (the rest are counted on a last line)
    NOTICES_SHOWN = 3
    scan_kinds = frozenset({WAYBILL, PICKUP, PERSON_CARD})

    def __init__(self, ctx: StationContext, parent: QWidget | None = None, *,
                 open_list: Callable[[str], None] | None = None,
                 open_scanned: Callable[[str], bool] | None = None,
                 printer_status: Callable[[], str] | None = None) -> None:
        super().__init__(ctx, parent)
        self.open_list: Callable[[str], None] = open_list or (lambda _target: None)
        self.open_scanned = open_scanned
        self.printer_status = printer_status or (lambda: "unknown")
        self.header = heading("")
        self.day = QLabel()
        self.day.setWordWrap(True)
        self.warning_box = QVBoxLayout()
        self.warning_box.setSpacing(4)
        self.warning_buttons: list[LinkLine] = []
        self._drawn: list[tuple[str, str]] = []
        # the county's notices in force: to print and post on the wall (issue 22)
        self.notice_box = QVBoxLayout()
        self.notice_box.setSpacing(4)
        self.notice_buttons: list[LinkLine] = []
        self._notices_drawn: list[tuple[str, bool]] = []

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
            tile = Tile(names[key], functools.partial(self._open, key))
            self.tiles[key] = tile
            grid.addWidget(tile, i // 3, i % 3)

        self.checklist = QGroupBox(self.tr("Setting up this station"))
        self.checks: dict[str, LinkLine] = {}
        self.check_texts = {"link": self.tr("Connect to the county hub (F12)"),
                            "printer": self.tr("Set up the receipt printer (F10)"),
                            "scanner": self.tr("Try the scanner gun (F11)"),
                            "cash": self.tr("Open the business day (F7, Ctrl+O)")}
        steps = QVBoxLayout(self.checklist)
        for key, text in self.check_texts.items():
            button = LinkLine(text, "check", functools.partial(self._open, key))
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
        layout.addLayout(self.notice_box)
        layout.addLayout(middle)
        layout.addStretch()
        layout.addWidget(hint)
        self.now: today_mod.Today | None = None

    def title(self) -> str:
        return self.tr("Today")

    def _open(self, target: str) -> None:
        self.open_list(target)

    def focus_first(self) -> None:
        if self.now is None:  # not drawn yet: the warnings decide where the keyboard starts
            self.refresh()
        lines: list[QWidget] = [*self.warning_buttons, *self.notice_buttons]
        (lines[0] if lines else self.tiles["shelf"]).setFocus()

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
        self._draw_notices(t)
        self._draw_tiles(t)
        self._draw_checklist(t)

    def _draw_warnings(self, t: today_mod.Today) -> None:
        found = warnings(t, self.printer_status())
        if [(w.text, w.level) for w in found] == self._drawn:
            return  # unchanged: the keyboard stays where it is
        self._drawn = [(w.text, w.level) for w in found]
        focus = self.window().focusWidget()
        had_focus = focus is None or focus in self.warning_buttons
        for button in self.warning_buttons:
            self.warning_box.removeWidget(button)
            button.deleteLater()
        self.warning_buttons = []
        for w in found:
            button = LinkLine(("⚠ " if w.level != "ok" else "✓ ") + w.text,
                              {"error": "alarm", "warning": "caution"}.get(w.level, "fine"),
                              functools.partial(self._open, w.target))
            self.warning_box.addWidget(button)
            self.warning_buttons.append(button)
        if had_focus:  # the keyboard stays on the warnings while they are redrawn
            self.focus_first()

    def _draw_notices(self, t: today_mod.Today) -> None:
        """The county's notices in force: amber until recorded as posted on the wall, then green;
        Enter opens one (read, print, record it posted)."""
        found = notices.current_notices(self.ctx.db, t.day)
        found.sort(key=lambda n: n.posted)  # the ones still to post first
        drawn = [(n.id, n.posted) for n in found]
        if drawn == self._notices_drawn:
            return
        self._notices_drawn = drawn
        for button in self.notice_buttons:
            self.notice_box.removeWidget(button)
            button.deleteLater()
        self.notice_buttons = []
        for n in found[:self.NOTICES_SHOWN]:
            if n.posted:
                text = "✓ " + self.tr("County notice, on the wall: {title}").format(title=n.title)
            else:
                text = "★ " + self.tr("County notice: {title} — Enter to read, print and post it").format(
                    title=n.title)
            button = LinkLine(text, "fine" if n.posted else "caution", functools.partial(self.open_notice, n.id))
            self.notice_box.addWidget(button)
            self.notice_buttons.append(button)
        if len(found) > self.NOTICES_SHOWN:
            rest = found[self.NOTICES_SHOWN:]
            button = LinkLine(self.tr("{n} more county notices ({unposted} not on the wall yet)").format(
                n=len(rest), unposted=sum(1 for x in rest if not x.posted)), "caution",
                functools.partial(self.open_notice, rest[0].id))
            self.notice_box.addWidget(button)
            self.notice_buttons.append(button)

    def open_notice(self, notice_id: str) -> None:
        dialog = NoticeDialog(self.ctx, notice_id, self)
        dialog.exec()
        done_with(dialog)
        self.refresh()

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
            self.tiles["sync"].show_value(self._age(t.sync_age_minutes),
                                          "attention" if t.sync_age_minutes > 24 * 60 else "good")
        self.tiles["sync"].name.setText(self.tr("County link · {n} to upload").format(n=t.pending_upload))
        self.tiles["in_out"].show_value(f"{t.checked_in} · {t.picked_up} · {t.sent}")
        self.tiles["drawer"].show_value(format_fen(t.drawer))

    def _draw_checklist(self, t: today_mod.Today) -> None:
        done = {"link": t.first_run.county_link, "printer": t.first_run.printer, "scanner": t.first_run.scanner,
                "cash": t.first_run.day_open}
        self.checklist.setVisible(not t.first_run.done)
        for key, button in self.checks.items():
            button.label.setText(("✓ " if done[key] else "✗ ") + self.check_texts[key])
            button.setProperty("state", "good" if done[key] else "attention")
            for w in (button, button.label):
                w.style().unpolish(w)
                w.style().polish(w)

    def _age(self, minutes: int) -> str:
        if minutes < 60:
            return self.tr("{m} min ago").format(m=minutes)
        if minutes < 48 * 60:
            return self.tr("{h} h ago").format(h=minutes // 60)
        return self.tr("{d} days ago").format(d=minutes // 1440)
