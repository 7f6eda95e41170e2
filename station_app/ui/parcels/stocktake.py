"""Stock-take (盘库): start, scan every parcel on the shelves, finish, then settle what was
missing or should not have been there — all with keys:

    Ctrl+S start (whole station, or the shelf typed)    Ctrl+F finish (asks first)
    on a missing row:     F found on the shelf, L lost
    on an unexpected row: R put back on the shelf, A set aside
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.core import parcels
from station_app.core.parcels import StocktakeItem, StocktakeScan
from station_app.i18n import translate
from station_app.ui.context import StationContext
from station_app.ui.parcels.common import big_label, fit_columns, keys, latin, scan_field
from station_app.ui.widgets import Notice, ReadOnlyTable, ask


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class StocktakeTab(QWidget):
    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stocktake_id: str | None = None  # the open count, or the finished one being settled
        self.scans: list[StocktakeScan] = []
        self.results = {
            parcels.OK: self.tr("On the shelf"),
            parcels.NOT_ON_SHELF: self.tr("Should not be here (handed over or returned)"),
            parcels.OTHER_SHELF: self.tr("Belongs on another shelf"),
            parcels.UNKNOWN: self.tr("Not on record"),
        }
        self.shelf = latin(QLineEdit())
        self.shelf.setPlaceholderText(self.tr("Shelf (empty: the whole station)"))
        self.shelf.setMaximumWidth(320)
        self.shelf.returnPressed.connect(self.start)
        start = QPushButton(self.tr("Start counting (Ctrl+S)"))
        finish = QPushButton(self.tr("Finish (Ctrl+F)"))
        for button, key, slot in ((start, "Ctrl+S", self.start), (finish, "Ctrl+F", self.finish)):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            keys(self, key, slot)
        self.scan = scan_field(self.tr("Scan each parcel's waybill or pickup code"))
        self.scan.returnPressed.connect(self.scan_entered)
        self.state = big_label()
        self.scanned = ReadOnlyTable([self.tr("Code"), self.tr("Result")])
        self.scanned.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.missing = fit_columns(ReadOnlyTable([self.tr("Waybill"), self.tr("Pickup code"), self.tr("Recipient name"),
                                                  self.tr("Settled")]), 0)
        self.unexpected = fit_columns(ReadOnlyTable([self.tr("Code"), self.tr("Why"), self.tr("Settled")]), 0)
        for key, resolution in (("F", "found"), ("L", "lost")):
            keys(self.missing, key, functools.partial(self.settle, self.missing, resolution), focused=True)
        for key, resolution in (("R", "reshelve"), ("A", "set_aside")):
            keys(self.unexpected, key, functools.partial(self.settle, self.unexpected, resolution), focused=True)
        self.notice = Notice()

        top = QHBoxLayout()
        top.addWidget(self.shelf)
        top.addWidget(start)
        top.addWidget(finish)
        top.addStretch()
        missing_box = QGroupBox(self.tr("Missing (F found, L lost)"))
        box = QVBoxLayout(missing_box)
        box.addWidget(_hint(self.tr("On record, not scanned")))
        box.addWidget(self.missing)
        unexpected_box = QGroupBox(self.tr("Unexpected (R back, A aside)"))
        box = QVBoxLayout(unexpected_box)
        box.addWidget(_hint(self.tr("Scanned, not on record here: R puts it back on the shelf, A sets it aside")))
        box.addWidget(self.unexpected)
        lists = QHBoxLayout()
        lists.addWidget(missing_box, 1)
        lists.addWidget(unexpected_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(self.scan)
        layout.addWidget(self.notice)
        layout.addWidget(self.scanned, 1)
        layout.addLayout(lists, 1)
        for a, b in ((self.shelf, self.scan), (self.scan, self.missing), (self.missing, self.unexpected)):
            QWidget.setTabOrder(a, b)

    def focus_first(self) -> None:
        if self.stocktake_id and parcels.open_stocktake(self.ctx.db):
            self.scan.setFocus()
        elif self.missing.rowCount():
            self.missing.setFocus()
        elif self.unexpected.rowCount():
            self.unexpected.setFocus()
        else:
            self.shelf.setFocus()

    def handle_scan(self, code: str) -> bool:
        self.scan.setText(code)
        self.scan_entered()
        return True

    def refresh(self) -> None:
        db = self.ctx.db
        open_count = parcels.open_stocktake(db)
        if open_count:
            if open_count.id != self.stocktake_id:
                self.stocktake_id, self.scans = open_count.id, []
            on_shelf = len(parcels.on_shelf(db))
            scope = self.tr("shelf {shelf}").format(shelf=open_count.shelf) if open_count.shelf else self.tr("all shelves")
            self.state.setText(self.tr("Counting {scope}: {scanned} scanned · {on_shelf} on record on the shelves").format(
                scope=scope, scanned=open_count.scanned, on_shelf=on_shelf))
        elif self.stocktake_id:
            self._show_result()
        else:
            self.state.setText(self.tr("No count under way: Ctrl+S starts one"))
        self.scanned.fill([[s.code, self.results.get(s.result, s.result) + (" " + self.tr("(again)") if s.duplicate else "")]
                           for s in self.scans])

    def start(self) -> None:
        count = self.ctx.act(parcels.start_stocktake, shelf=self.shelf.text().strip() or None, notice=self.notice)
        if count is None:
            return
        self.stocktake_id, self.scans = count.id, []
        self.missing.fill([])
        self.unexpected.fill([])
        self.notice.ok(self.tr("Count started: scan every parcel on the shelves, then Ctrl+F"))
        self.refresh()
        self.scan.setFocus()

    def scan_entered(self) -> None:
        text = self.scan.text().strip()
        if not text:
            return
        open_count = parcels.open_stocktake(self.ctx.db)
        if open_count is None:
            self.notice.error(self.tr("Start the count first (Ctrl+S)"))
            self.scan.clear()
            return
        result = self.ctx.act(parcels.scan_for_stocktake, stocktake_id=open_count.id, code=text, notice=self.notice)
        self.scan.clear()
        self.scan.setFocus()
        if result is None:
            return
        self.scans.insert(0, result)
        word = self.results.get(result.result, result.result)
        if result.result == parcels.OK and not result.duplicate:
            self.notice.ok(f"{result.code}: {word}")
        elif result.duplicate:
            self.notice.ok(self.tr("{code} was already counted").format(code=result.code))
        else:
            self.notice.error(f"{result.code}: {word}")
        self.refresh()

    def finish(self) -> None:
        open_count = parcels.open_stocktake(self.ctx.db)
        if open_count is None:
            self.notice.error(self.tr("No count under way: Ctrl+S starts one"))
            return
        left = parcels.still_to_scan(self.ctx.db, open_count.id)
        if not ask(self, self.tr("End the count?"),
                   self.tr("{scanned} scanned so far. The {left} parcels on record that were not scanned will be "
                           "listed as missing.").format(scanned=open_count.scanned, left=left),
                   self.tr("End the count (Y)"), self.tr("Keep counting (N)")):
            self.scan.setFocus()
            return
        result = self.ctx.act(parcels.finish_stocktake, stocktake_id=open_count.id, notice=self.notice)
        if result is None:
            return
        self.stocktake_id = open_count.id
        if result.clean:
            self.notice.ok(self.tr("Everything on record is on the shelves"))
        else:
            self.notice.error(self.tr("{missing} missing, {unexpected} unexpected: settle each with its key").format(
                missing=len(result.missing), unexpected=len(result.unexpected)))
        self.refresh()
        self.focus_first()

    def _show_result(self) -> None:
        assert self.stocktake_id is not None
        result = parcels.stocktake_result(self.ctx.db, self.stocktake_id)
        open_items = sum(1 for i in [*result.missing, *result.unexpected] if not i.resolution)
        self.state.setText(self.tr("Count finished: {scanned} scanned, {missing} missing, {unexpected} unexpected, "
                                   "{open} still to settle").format(scanned=result.stocktake.scanned,
                                                                    missing=len(result.missing),
                                                                    unexpected=len(result.unexpected), open=open_items))
        row_m, row_u = self.missing.currentRow(), self.unexpected.currentRow()
        self.missing.fill([[i.code, self._code_of(i), self._name_of(i), self._settled(i)] for i in result.missing],
                          keys=[i.code for i in result.missing])
        self.unexpected.fill([[i.code, self.results.get(i.result, i.result), self._settled(i)] for i in result.unexpected],
                             keys=[i.code for i in result.unexpected])
        for table, row in ((self.missing, row_m), (self.unexpected, row_u)):
            if 0 <= row < table.rowCount():
                table.selectRow(row)

    def _code_of(self, item: StocktakeItem) -> str:
        return parcels.get_parcel(self.ctx.db, item.parcel_id).pickup_code or "" if item.parcel_id else ""

    def _name_of(self, item: StocktakeItem) -> str:
        return parcels.get_parcel(self.ctx.db, item.parcel_id).recipient_name if item.parcel_id else ""

    def _settled(self, item: StocktakeItem) -> str:
        if not item.resolution:
            return ""
        return translate("parcels", parcels.RESOLUTIONS[item.kind].get(item.resolution, item.resolution))

    def settle(self, table: ReadOnlyTable, resolution: str) -> None:
        code = table.current_key()
        if not code or not self.stocktake_id:
            return
        done = self.ctx.act(parcels.resolve_stocktake_item, stocktake_id=self.stocktake_id, code=code,
                            resolution=resolution, notice=self.notice)
        if done is not None:
            self.notice.ok(self.tr("{code}: {what}").format(
                code=code, what=translate("parcels", parcels.RESOLUTIONS[done.kind][resolution])))
            self.refresh()
            row = table.currentRow()
            if row + 1 < table.rowCount():
                table.selectRow(row + 1)
        table.setFocus()
