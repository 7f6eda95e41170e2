"""The consigned goods on hand (库存): all of them or one consignor's, with what is owed to that
consignor; hand a lot back (Ctrl+H) or print its labels again (Ctrl+P).
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from station_app.core import consignment as cs
from station_app.core.money import format_fen
from station_app.ui.consignment.common import ConsignorCombo, Slip
from station_app.ui.consignment.intake import issue_labels
from station_app.ui.context import StationContext
from station_app.ui.widgets import Notice, ReadOnlyTable, keys


class StockTab(QWidget):
    def __init__(self, ctx: StationContext, slip: Slip, notice: Notice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.slip = slip
        self.notice = notice
        self.stock_consignor = ConsignorCombo(everyone=True)
        self.stock_consignor.currentIndexChanged.connect(lambda _i: self._fill_stock())
        self.stock_table = ReadOnlyTable([self.tr("Lot"), self.tr("Goods"), self.tr("Consignor"), self.tr("On hand"),
                                          self.tr("Price"), self.tr("Expiry"), self.tr("Taken in")])
        self.stock_balance = QLabel()
        back = QPushButton(self.tr("Hand the lot back to its consignor (Ctrl+H)"))
        back.clicked.connect(self.hand_back)
        keys(self, "Ctrl+H", self.hand_back)
        again = QPushButton(self.tr("Print the lot's labels again (Ctrl+P)"))
        again.clicked.connect(self.reprint_labels)
        keys(self, "Ctrl+P", self.reprint_labels)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addWidget(again)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stock_consignor)
        layout.addWidget(self.stock_table, 1)
        layout.addWidget(self.stock_balance)
        layout.addLayout(buttons)

    def focus_first(self) -> None:
        self.stock_table.setFocus()

    def refresh(self) -> None:
        self.stock_consignor.fill(self.ctx.db)
        self._fill_stock()

    def handle_scan(self, code: str) -> bool:
        """The stock list takes no scans (the page puts a scanned label on the sale)."""
        return False

    def _fill_stock(self) -> None:
        consignor_id = self.stock_consignor.currentData()
        lots = cs.stock(self.ctx.db, consignor_id)
        today = cs.local_today(self.ctx.db)
        self.stock_table.fill([[str(lot.lot_no), lot.name, lot.consignor_name, f"{lot.on_hand} {lot.unit}",
                                format_fen(lot.price), (lot.expiry or "") + (" !" if lot.expiry and lot.expiry < today else ""),
                                lot.intake_day] for lot in lots], keys=[lot.id for lot in lots])
        if consignor_id:
            b = cs.balance(self.ctx.db, consignor_id)
            self.stock_balance.setText(self.tr("On hand worth {on_hand}; sold, not yet settled {unsettled}; "
                                               "settled, not yet paid {unpaid}").format(
                on_hand=format_fen(b.on_hand_value), unsettled=format_fen(b.unsettled), unpaid=format_fen(b.unpaid)))
        else:
            self.stock_balance.setText(self.tr("{n} lots on hand").format(n=len(lots)))

    def hand_back(self) -> None:
        lot_id = self.stock_table.current_key()
        if not lot_id:
            return
        lot = cs.get_lot(self.ctx.db, lot_id)
        done = self.ctx.act(cs.hand_back, consignor_id=lot.consignor_id,
                            items=[cs.SaleItem(lot_id=lot.id, quantity=lot.on_hand)], notice=self.notice)
        if done is not None:
            self.notice.ok(self.tr("{qty} {unit} of {name} handed back to {consignor}").format(
                qty=lot.on_hand, unit=lot.unit, name=lot.name, consignor=lot.consignor_name))

    def reprint_labels(self) -> None:
        lot_id = self.stock_table.current_key()
        if lot_id:
            issue_labels(self.slip, cs.label_data(self.ctx.db, lot_id))
