"""The consignment page (代卖): sell by scanning labels, take goods in, stock and hand-backs,
settle with consignors, proxy orders and online-shop orders — one tab each
(station_app/ui/consignment/), Ctrl+1..6 switch.

The first four tabs share the page's Notice under the tabs and the slip on the right, which
shows the text of every receipt, label and statement (the two order tabs print their own slips
and take the slip's width). `print_doc` (optional) sends a printer Receipt to the print queue;
`scan_router` (optional, a ScanRouter) hands wedge scans to `on_scan`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QTabWidget, QVBoxLayout, QWidget

from station_app.clock import local_day
from station_app.core import consignment as cs
from station_app.core import labels, settings
from station_app.core.changes import Changes
from station_app.core.money import format_fen
from station_app.errors import UserError
from station_app.ui.consignment.common import Slip
from station_app.ui.consignment.intake import ConsignorDialog, IntakeTab
from station_app.ui.consignment.online import OnlineTab
from station_app.ui.consignment.orders import OrdersTab
from station_app.ui.consignment.sale import SaleTab
from station_app.ui.consignment.settle import SettleTab
from station_app.ui.consignment.stock import StockTab
from station_app.ui.context import StationContext
from station_app.ui.pages.base import Page
from station_app.ui.parcels.common import numbered_tabs
from station_app.ui.scanning import ORDER_LABEL, PERSON_CARD, PHONE, TRACE_LABEL, WAYBILL
from station_app.ui.widgets import ElidedLabel, Notice

__all__ = ["ONLINE", "ORDERS", "ConsignmentPage", "ConsignorDialog"]

SALE, INTAKE, STOCK, SETTLE, ORDERS, ONLINE = range(6)
#: what the page takes from the scanner on each tab (ui.scanning kinds): a product label goes on
#: the sale from any counter tab, an order slip opens the orders tab
COUNTER_SCANS = frozenset({TRACE_LABEL, ORDER_LABEL})
SCAN_KINDS: dict[int, frozenset[str]] = {
    SALE: COUNTER_SCANS, INTAKE: COUNTER_SCANS, STOCK: COUNTER_SCANS, SETTLE: COUNTER_SCANS,
    ORDERS: frozenset({ORDER_LABEL, PERSON_CARD, PHONE}),
    ONLINE: frozenset({TRACE_LABEL, ORDER_LABEL, WAYBILL}),
}


class ConsignmentPage(Page):
    watches = Changes.CONSIGNMENT | Changes.PEOPLE | Changes.SETTINGS

    def __init__(self, ctx: StationContext, parent: QWidget | None = None, *,
                 print_doc: Callable[[Any], Any] | None = None, scan_router: Any = None) -> None:
        super().__init__(ctx, parent)
        self.slip = Slip(print_doc, lambda: settings.get(ctx.db, "printer.paper_mm"))
        self.notice = Notice()
        self.sale = SaleTab(ctx, self.slip, self.notice)
        self.intake = IntakeTab(ctx, self.slip, self.notice)
        self.stock = StockTab(ctx, self.slip, self.notice)
        self.settle = SettleTab(ctx, self.slip, self.notice)
        self.orders = OrdersTab(ctx)
        self.online = OnlineTab(ctx)
        self.tabs = QTabWidget()
        numbered_tabs(self, self.tabs, [(self.sale, self.tr("Sell")), (self.intake, self.tr("Take in")),
                                        (self.stock, self.tr("Stock")), (self.settle, self.tr("Settle")),
                                        (self.orders, self.tr("Proxy orders")), (self.online, self.tr("Online shop"))])
        self.tabs.currentChanged.connect(self._tab_changed)
        self.figures = ElidedLabel()
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.tabs, 1)
        left.addWidget(self.figures)
        # the slip is as wide as the paper (no amount wraps); the order tabs print their own
        # slips and take its place
        self.slip_box = QWidget()
        right = QVBoxLayout(self.slip_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(QLabel(self.tr("Receipt / labels / statement")))
        right.addWidget(self.slip, 1)
        right.addWidget(self.notice)
        self.slip_box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(self.slip_box)
        self._size_to_tab()
        if scan_router is not None:
            scan_router.set_handler(self, self.handle_scan)

    def title(self) -> str:
        return self.tr("Consignment")

    def heightForWidth(self, width: int) -> int:
        # the frame's scroll area asks this for the height the page needs: the layout would
        # answer with the height its tables and wrapped labels would like, and the page would
        # scroll on a 768-pixel screen it fits; it needs its minimum
        return self.minimumSizeHint().height()

    @property
    def scan_kinds(self) -> frozenset[str]:  # type: ignore[override]
        """What the tab on screen takes from the scanner."""
        return SCAN_KINDS[self.tabs.currentIndex()]

    def tab(self) -> SaleTab | IntakeTab | StockTab | SettleTab | OrdersTab | OnlineTab:
        return self.tabs.currentWidget()  # type: ignore[return-value]

    def focus_first(self) -> None:
        self.tab().focus_first()

    def _size_to_tab(self) -> None:
        """Only the tab on screen asks for room: the proxy-order form, which needs the slip's
        width, must not make the counter tabs (beside the slip) wider than the screen."""
        for i in range(self.tabs.count()):
            policy = QSizePolicy.Policy.Preferred if i == self.tabs.currentIndex() else QSizePolicy.Policy.Ignored
            tab = self.tabs.widget(i)
            assert tab is not None
            tab.setSizePolicy(policy, policy)

    def _tab_changed(self, index: int) -> None:
        on_orders = index in (ORDERS, ONLINE)
        self._size_to_tab()
        self.slip_box.setVisible(not on_orders)
        if on_orders:
            self.tab().refresh()
        self.focus_first()

    def refresh(self) -> None:
        """Redraw the four counter tabs and the month's figures (the slip keeps its text); an
        order tab only when it is on screen (they redraw when shown)."""
        if self.tabs.currentIndex() in (ORDERS, ONLINE):
            self.tab().refresh()
        for tab in (self.sale, self.intake, self.stock, self.settle):
            tab.refresh()
        today = local_day(self.ctx.db.clock.now())
        f = cs.figures(self.ctx.db, today.replace(day=1), today)
        self.figures.setText(self.tr("This month: {sales} sales, {amount} (poverty-register households: {p_amount}); "
                                     "commission {commission}; settlements paid {paid}").format(
            sales=f.sales, amount=format_fen(f.amount), p_amount=format_fen(f.poverty_amount),
            commission=format_fen(f.commission), paid=format_fen(f.settlements_paid_amount)))

    def handle_scan(self, code: str) -> bool:
        self.on_scan(code)
        return True

    def on_scan(self, code: str) -> None:
        """A wedge scan routed to this page: an order slip opens the orders tab, the order tabs
        take any scan, anywhere else it goes on the sale."""
        text = code.strip()
        try:
            order_slip = labels.looks_like_label(text) and labels.parse_label(text).kind == labels.ORDER
        except UserError:
            order_slip = False
        if order_slip:
            self.tabs.setCurrentIndex(ORDERS)
        if not self.tab().handle_scan(text):  # intake, stock and settle take none
            self.tabs.setCurrentIndex(SALE)
            self.sale.handle_scan(text)
