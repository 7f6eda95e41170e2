"""The consignment page (代卖): sell by scanning labels, take goods in, stock and hand-backs,
settle with consignors, proxy orders and online-shop orders — one tab each
(station_app/ui/consignment/), Ctrl+1..6 switch.

The first four tabs share the page's Notice under the tabs and the slip on the right, which
shows the text of every receipt, label and statement (the two order tabs print their own slips
and take the slip's width). `print_doc` (optional) sends a printer Receipt to the print queue;
`scan_router` (optional, a ScanRouter) hands wedge scans to `on_scan`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from station_app.clock import local_day
from station_app.core import consignment as cs
from station_app.core import labels
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
from station_app.ui.widgets import Notice, heading, keys

__all__ = ["ONLINE", "ORDERS", "ConsignmentPage", "ConsignorDialog"]

SALE, INTAKE, STOCK, SETTLE, ORDERS, ONLINE = range(6)


class ConsignmentPage(Page):
    watches = Changes.CONSIGNMENT | Changes.PEOPLE | Changes.SETTINGS

    def __init__(self, ctx: StationContext, parent: QWidget | None = None, *,
                 print_doc: Callable[[Any], Any] | None = None, scan_router: Any = None) -> None:
        super().__init__(ctx, parent)
        self.slip = Slip(print_doc)
        self.notice = Notice()
        self.sale = SaleTab(ctx, self.slip, self.notice)
        self.intake = IntakeTab(ctx, self.slip, self.notice)
        self.stock = StockTab(ctx, self.slip, self.notice)
        self.settle = SettleTab(ctx, self.slip, self.notice)
        self.orders = OrdersTab(ctx)
        self.online = OnlineTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.sale, self.tr("Sell (Ctrl+1)"))
        self.tabs.addTab(self.intake, self.tr("Take in (Ctrl+2)"))
        self.tabs.addTab(self.stock, self.tr("Stock (Ctrl+3)"))
        self.tabs.addTab(self.settle, self.tr("Settle (Ctrl+4)"))
        self.tabs.addTab(self.orders, self.tr("Proxy orders (Ctrl+5)"))
        self.tabs.addTab(self.online, self.tr("Online shop (Ctrl+6)"))
        self.tabs.currentChanged.connect(self._tab_changed)
        for i in range(self.tabs.count()):
            keys(self, f"Ctrl+{i + 1}", functools.partial(self.tabs.setCurrentIndex, i))
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        body = QHBoxLayout()
        body.addWidget(self.tabs, 3)
        self.slip_box = QWidget()  # the order tabs print their own slips and need the width
        right = QVBoxLayout(self.slip_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(QLabel(self.tr("Receipt / labels / statement")))
        right.addWidget(self.slip, 1)
        body.addWidget(self.slip_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Consignment")))
        layout.addLayout(body, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.figures)
        if scan_router is not None:
            scan_router.set_handler(self, self.on_scan)

    def title(self) -> str:
        return self.tr("Consignment")

    def tab(self) -> SaleTab | IntakeTab | StockTab | SettleTab | OrdersTab | OnlineTab:
        return self.tabs.currentWidget()  # type: ignore[return-value]

    def focus_first(self) -> None:
        self.tab().focus_first()

    def _tab_changed(self, index: int) -> None:
        on_orders = index in (ORDERS, ONLINE)
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
