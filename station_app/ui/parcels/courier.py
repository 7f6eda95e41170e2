"""Courier hand-over (交接): pick the carrier, open its batch, scan every parcel the courier
takes, see what is still missing, check the courier's name (the one who took this carrier's
batch last time is filled in), close — the signed hand-over sheet (交接单) prints. Ctrl+B opens
the batch, Ctrl+Enter closes it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.core import outbound
from station_app.core.outbound import OutboundParcel
from station_app.core.parcels import CARRIERS, carrier_name
from station_app.receipts.parcels import hand_over_sheet, kg
from station_app.ui.context import StationContext
from station_app.ui.parcels.common import big_label, fit_columns, keys, scan_field
from station_app.ui.widgets import Notice, ReadOnlyTable


class CourierTab(QWidget):
    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.batch_id: str | None = None
        self.carrier = QComboBox()
        self.carrier.currentIndexChanged.connect(self._carrier_changed)
        for key in ("Return", "Enter"):
            keys(self.carrier, key, self.open_batch, focused=True)
        opener = QPushButton(self.tr("Open the batch (Ctrl+B)"))
        closer = QPushButton(self.tr("Close and print the sheet (Ctrl+Enter)"))
        for button, slot in ((opener, self.open_batch), (closer, self.close_batch)):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
        keys(self, "Ctrl+B", self.open_batch)
        keys(self, "Ctrl+Return", self.close_batch)
        keys(self, "Ctrl+Enter", self.close_batch)
        self.state = big_label()
        self.scan = scan_field(self.tr("Scan each parcel the courier takes (e-waybill or receipt no.)"))
        self.scan.returnPressed.connect(self.scan_entered)
        self.courier = QLineEdit()
        self.courier.setPlaceholderText(self.tr("The courier who takes the parcels (last time's is filled in)"))
        self.courier.returnPressed.connect(self.close_batch)
        self.scanned = ReadOnlyTable([self.tr("E-waybill"), self.tr("Recipient name"), self.tr("Weight"), self.tr("Receipt")])
        self.missing = ReadOnlyTable([self.tr("E-waybill"), self.tr("Recipient name"), self.tr("Weight"), self.tr("Receipt")])
        for table in (self.scanned, self.missing):
            fit_columns(table, 0)
            table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.notice = Notice()

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Carrier")))
        top.addWidget(self.carrier, 1)
        top.addWidget(opener)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Courier name")))
        bottom.addWidget(self.courier, 1)
        bottom.addWidget(closer)
        done_box = QGroupBox(self.tr("Scanned into this batch"))
        QVBoxLayout(done_box).addWidget(self.scanned)
        missing_box = QGroupBox(self.tr("Still to scan (this carrier's parcels at the station)"))
        QVBoxLayout(missing_box).addWidget(self.missing)
        lists = QHBoxLayout()
        lists.addWidget(done_box, 1)
        lists.addWidget(missing_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(self.scan)
        layout.addWidget(self.notice)
        layout.addLayout(lists, 1)
        layout.addLayout(bottom)
        QWidget.setTabOrder(self.carrier, self.scan)
        QWidget.setTabOrder(self.scan, self.courier)
        self._fill_carriers()

    def focus_first(self) -> None:
        (self.scan if self.batch_id else self.carrier).setFocus()

    def handle_scan(self, code: str) -> bool:
        self.scan.setText(code)
        self.scan_entered()
        return True

    def _fill_carriers(self) -> None:
        """Carriers with parcels waiting first, each with how many."""
        waiting: dict[str, int] = {}
        for p in outbound.waiting_for_courier(self.ctx.db):
            waiting[p.carrier] = waiting.get(p.carrier, 0) + 1
        current = self.carrier.currentData()
        self.carrier.blockSignals(True)
        self.carrier.clear()
        for code in sorted(CARRIERS, key=lambda c: -waiting.get(c, 0)):
            n = waiting.get(code, 0)
            self.carrier.addItem(carrier_name(code) + (self.tr(" · {n} waiting").format(n=n) if n else ""), code)
        index = self.carrier.findData(current)
        self.carrier.setCurrentIndex(max(0, index))
        self.carrier.blockSignals(False)

    def _carrier_changed(self) -> None:
        code = self.carrier.currentData()
        self.batch_id = next((b.id for b in outbound.open_batches(self.ctx.db) if b.carrier == code), None)
        if not self.courier.isModified():  # the one who came last time, unless the operator typed another
            self.courier.setText(outbound.last_courier_name(self.ctx.db, code))
        self._show_batch()

    def refresh(self) -> None:
        self._fill_carriers()
        self._carrier_changed()

    def _show_batch(self) -> None:
        code = self.carrier.currentData()
        if not self.batch_id:
            waiting = outbound.waiting_for_courier(self.ctx.db, code)
            self.state.setText(self.tr("{carrier}: {n} parcels waiting · Ctrl+B opens the batch").format(
                carrier=carrier_name(code), n=len(waiting)))
            self.scanned.fill([])
            self.missing.fill(self._rows(waiting))
            return
        check = outbound.batch_check(self.ctx.db, self.batch_id)
        self.state.setText(self.tr("{carrier} batch open: {scanned} scanned, {left} still to scan").format(
            carrier=carrier_name(code), scanned=len(check.scanned), left=len(check.not_scanned)))
        self.scanned.fill(self._rows(list(reversed(check.scanned))))
        self.missing.fill(self._rows(check.not_scanned))

    @staticmethod
    def _rows(items: list[OutboundParcel]) -> list[list[str]]:
        return [[p.ewaybill, p.recipient_name, kg(p.weight_g), p.receipt_no] for p in items]

    def open_batch(self) -> None:
        batch = self.ctx.act(outbound.open_batch, carrier=self.carrier.currentData(), notice=self.notice)
        if batch is None:
            return
        self.batch_id = batch.id
        self.notice.ok(self.tr("Batch open for {carrier}: scan each parcel").format(carrier=carrier_name(batch.carrier)))
        self._show_batch()
        self.scan.setFocus()

    def scan_entered(self) -> None:
        text = self.scan.text().strip()
        self.scan.clear()
        if not text:
            return
        if not self.batch_id:
            self.notice.error(self.tr("Open the batch first (Ctrl+B)"))
            self.carrier.setFocus()
            return
        result = self.ctx.act(outbound.scan_into_batch, batch_id=self.batch_id, code=text, notice=self.notice)
        self.scan.setFocus()
        if result is None:
            return
        if result.duplicate:
            self.notice.ok(self.tr("{waybill} is already in the batch").format(waybill=result.parcel.ewaybill))
        else:
            self.notice.ok(self.tr("{waybill} scanned: {scanned} in the batch, {left} still to scan").format(
                waybill=result.parcel.ewaybill, scanned=result.scanned, left=result.still_to_scan))
        self._show_batch()

    def close_batch(self) -> None:
        if not self.batch_id:
            self.notice.error(self.tr("Open the batch first (Ctrl+B)"))
            return
        sheet = self.ctx.act(outbound.close_batch, batch_id=self.batch_id, courier_name=self.courier.text(),
                             notice=self.notice)
        if sheet is None:
            (self.courier if not self.courier.text().strip() else self.scan).setFocus()
            return
        printed = self.ctx.print(hand_over_sheet(sheet))
        self.notice.ok(self.tr("Sheet {no}: {n} parcels handed to {courier}").format(
            no=sheet.batch.sheet_no, n=len(sheet.lines), courier=sheet.batch.courier_name) + "\n" + printed)
        self.batch_id = None
        self.courier.setModified(False)
        self.refresh()
        self.carrier.setFocus()
