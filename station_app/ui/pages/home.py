"""The first page: today at a glance, and where to go next."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from station_app.core import cash, people
from station_app.core.changes import Changes
from station_app.core.money import format_fen
from station_app.core.station import get_station
from station_app.ui.context import StationContext
from station_app.ui.pages.base import Page
from station_app.ui.widgets import heading


class HomePage(Page):
    watches = Changes.CASH | Changes.PEOPLE | Changes.STATION

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.header = heading("")
        self.cells: dict[str, QLabel] = {}
        grid = QGridLayout()
        for i, key in enumerate(("cash", "drawer", "people")):
            name = QLabel()
            value = QLabel()
            value.setObjectName("big")
            self.cells[key] = value
            self.cells[key + ":name"] = name
            grid.addWidget(name, 0, i)
            grid.addWidget(value, 1, i)
        hint = QLabel(self.tr("F1 today · F2 parcels · F3 bills · F4 consignment · F5 training · F6 people · "
                              "F7 cash · F8 reports · F9 settings · F10 printer · F11 scanner · F12 sync now · "
                              "Ctrl+L lock the screen"))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(grid)
        layout.addStretch()
        layout.addWidget(hint)

    def title(self) -> str:
        return self.tr("Today")

    def refresh(self) -> None:
        db = self.ctx.db
        station = get_station(db)
        self.header.setText(station.name if station else "")
        period = cash.open_period(db)
        self.cells["cash:name"].setText(self.tr("Cash day"))
        self.cells["cash"].setText(period.label_day if period else self.tr("not open"))
        self.cells["drawer:name"].setText(self.tr("In the drawer"))
        self.cells["drawer"].setText(format_fen(cash.drawer_balance(db)))
        self.cells["people:name"].setText(self.tr("People registered"))
        self.cells["people"].setText(str(people.count_people(db)))
