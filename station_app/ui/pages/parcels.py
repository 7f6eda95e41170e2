"""The parcels page (代收代发快递): check-in, hand-over, overdue and returns, stock-take,
outbound, courier hand-over — one tab each (station_app/ui/parcels/), Ctrl+1..6 switch.

Keyboard first: every tab starts in a scan field, so a wedge scan is text + Enter where the
keyboard already is; `handle_scan` does the same for a scan routed here by the ScanRouter.
"""

from __future__ import annotations

import functools

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from station_app.core import labels, parcels, shelves
from station_app.core.changes import Changes
from station_app.ui.context import StationContext
from station_app.ui.pages.base import Page
from station_app.ui.parcels.check_in import CheckInTab
from station_app.ui.parcels.common import keys
from station_app.ui.parcels.courier import CourierTab
from station_app.ui.parcels.hand_over import HandOverTab
from station_app.ui.parcels.outbound import OutboundTab
from station_app.ui.parcels.overdue import OverdueTab
from station_app.ui.parcels.stocktake import StocktakeTab

CHECK_IN, HAND_OVER, OVERDUE, STOCKTAKE, OUTBOUND, COURIER = range(6)


class ParcelsPage(Page):
    watches = Changes.PARCELS

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.check_in = CheckInTab(ctx)
        self.hand_over = HandOverTab(ctx)
        self.overdue = OverdueTab(ctx)
        self.stocktake = StocktakeTab(ctx)
        self.outbound = OutboundTab(ctx)
        self.courier = CourierTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.check_in, self.tr("Check in (Ctrl+1)"))
        self.tabs.addTab(self.hand_over, self.tr("Hand over (Ctrl+2)"))
        self.tabs.addTab(self.overdue, self.tr("Overdue & returns (Ctrl+3)"))
        self.tabs.addTab(self.stocktake, self.tr("Stock-take (Ctrl+4)"))
        self.tabs.addTab(self.outbound, self.tr("Send (Ctrl+5)"))
        self.tabs.addTab(self.courier, self.tr("Courier (Ctrl+6)"))
        self.tabs.currentChanged.connect(self._tab_changed)
        for i in range(self.tabs.count()):
            keys(self, f"Ctrl+{i + 1}", functools.partial(self.tabs.setCurrentIndex, i))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        ctx.take_scans(self, self.handle_scan)

    def title(self) -> str:
        return self.tr("Parcels")

    def tab(self) -> CheckInTab | HandOverTab | OverdueTab | StocktakeTab | OutboundTab | CourierTab:
        return self.tabs.currentWidget()  # type: ignore[return-value]

    def refresh(self) -> None:
        """Redraw the tab on screen; the others redraw when they are shown."""
        self.tab().refresh()

    def focus_first(self) -> None:
        self.tab().focus_first()

    def _tab_changed(self, _index: int) -> None:
        self.refresh()
        self.focus_first()

    def open_scanned(self, code: str) -> bool:
        """A code scanned somewhere no page wanted it (the home page): a parcel on the shelf
        opens at hand-over, anything else starts a check-in."""
        text = code.strip()
        on_shelf = bool(text) and parcels.find_parcels(self.ctx.db, text)[1]
        self.tabs.setCurrentIndex(HAND_OVER if on_shelf or shelves.parse_pickup_code(text) or
                                  labels.looks_like_label(text) else CHECK_IN)
        return self.tab().handle_scan(text)

    def handle_scan(self, code: str) -> bool:
        """A scanned code, routed to this page: the tab on screen takes it — except a pickup
        code or a villager card scanned at check-in, which means someone came to collect."""
        text = code.strip()
        if not text:
            return False
        if self.tabs.currentIndex() == CHECK_IN and not self.check_in.pending and (
                shelves.parse_pickup_code(text) or labels.looks_like_label(text)):
            self.tabs.setCurrentIndex(HAND_OVER)
        return self.tab().handle_scan(text)
