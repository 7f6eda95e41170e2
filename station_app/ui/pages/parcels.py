"""The parcels page (代收代发快递): check-in, hand-over, overdue and returns, stock-take,
outbound, courier hand-over — one tab each (station_app/ui/parcels/), Ctrl+1..6 switch.

Keyboard first: every tab starts in a scan field, so a wedge scan is text + Enter where the
keyboard already is; `handle_scan` does the same for a scan routed here by the ScanRouter, for
the kinds the tab on screen declares (`scan_kinds`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from station_app.core import labels, parcels, shelves
from station_app.core.changes import Changes
from station_app.ui.context import StationContext
from station_app.ui.pages.base import Page
from station_app.ui.parcels.check_in import CheckInTab
from station_app.ui.parcels.common import numbered_tabs
from station_app.ui.parcels.courier import CourierTab
from station_app.ui.parcels.hand_over import HandOverTab
from station_app.ui.parcels.outbound import OutboundTab
from station_app.ui.parcels.overdue import OverdueTab
from station_app.ui.parcels.stocktake import StocktakeTab
from station_app.ui.scanning import BILL, PERSON_CARD, PHONE, PICKUP, UNKNOWN, WAYBILL

CHECK_IN, HAND_OVER, OVERDUE, STOCKTAKE, OUTBOUND, COURIER = range(6)
#: what each tab takes from the scanner (ui.scanning kinds). Long digit runs and codes the
#: classifier does not know may be waybills of a courier it has no rule for: check-in, the
#: count and the courier's batch take them and say plainly if they are no waybill.
SCAN_KINDS: dict[int, frozenset[str]] = {
    CHECK_IN: frozenset({WAYBILL, PICKUP, PERSON_CARD, PHONE, BILL, UNKNOWN}),
    HAND_OVER: frozenset({PICKUP, PHONE, PERSON_CARD, WAYBILL}),
    OVERDUE: frozenset({PICKUP, PHONE, PERSON_CARD, WAYBILL}),
    STOCKTAKE: frozenset({WAYBILL, PICKUP, BILL, UNKNOWN}),
    OUTBOUND: frozenset({PERSON_CARD, WAYBILL}),
    COURIER: frozenset({WAYBILL, BILL, UNKNOWN}),
}


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
        numbered_tabs(self, self.tabs, [(self.check_in, self.tr("Check in")), (self.hand_over, self.tr("Hand over")),
                                        (self.overdue, self.tr("Overdue and returns")), (self.stocktake, self.tr("Stock-take")),
                                        (self.outbound, self.tr("Send")), (self.courier, self.tr("Courier"))])
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def title(self) -> str:
        return self.tr("Parcels")

    def heightForWidth(self, width: int) -> int:
        # the frame's scroll area asks this for the height the page needs: the layout would
        # answer with the height its tables and wrapped labels would like, and the page would
        # scroll on a 768-pixel screen it fits; it needs its minimum
        return self.minimumSizeHint().height()

    @property
    def scan_kinds(self) -> frozenset[str]:  # type: ignore[override]
        """What the tab on screen takes from the scanner."""
        return SCAN_KINDS[self.tabs.currentIndex()]

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
