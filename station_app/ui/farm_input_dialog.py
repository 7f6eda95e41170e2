"""Selling a farm input (农资: seed, fertiliser, pesticide, fuel) at pickup: the batch number
printed on the bag and its producer are written down, the trace chain the county plans ask for.
Enter saves (on the last field), Esc goes back without handing over."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from station_app.core import proxy_orders
from station_app.i18n import translate
from station_app.ui.widgets import heading, latin, save_cancel_row


class FarmInputDialog(QDialog):
    def __init__(self, order: proxy_orders.ProxyOrder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Farm input: the trace chain"))
        kind = translate("orders", proxy_orders.FARM_KINDS.get(order.farm_kind, order.farm_kind))
        what = QLabel(f"{order.number} · {order.description} · {kind}")
        what.setWordWrap(True)
        self.batch = latin(QLineEdit())
        self.batch.setPlaceholderText(self.tr("As printed on the bag or bottle"))
        self.producer = QLineEdit(order.producer)
        self.batch.returnPressed.connect(self.producer.setFocus)
        self.producer.returnPressed.connect(self.accept)
        form = QFormLayout()
        form.addRow(self.tr("Batch no."), self.batch)
        form.addRow(self.tr("Producer"), self.producer)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Write down what is sold")))
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addLayout(save_cancel_row(self, self.tr("Hand it over (Enter)"), self.accept))
        self.batch.setFocus()

    def values(self) -> tuple[str, str]:
        return self.batch.text().strip(), self.producer.text().strip()
