"""Overdue and returns (滞留 / 退件 / 问题件): the parcels waiting too long (days from the
settings), reminders, returns with a reason, problem parcels with an optional photo.

Rows are picked with the arrows (Shift/Ctrl for several, Ctrl+A for all); a parcel that is
not overdue is brought into the list by scanning its waybill or pickup code.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.core import parcels, settings
from station_app.core.parcels import Parcel
from station_app.i18n import translate
from station_app.ui.context import StationContext
from station_app.ui.parcels.common import (
    all_keys,
    check,
    keys,
    multi_select,
    scan_field,
    selected_keys,
)
from station_app.ui.widgets import Notice, ReadOnlyTable

_ROW = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows


class OverdueTab(QWidget):
    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.extra: list[str] = []  # parcels brought in by a scan
        self.find_field = scan_field(self.tr("Scan or type a pickup code / waybill to add a parcel to the list"))
        self.find_field.returnPressed.connect(self.find_entered)
        self.summary = QLabel()
        self.summary.setObjectName("heading")
        self.table = multi_select(ReadOnlyTable([
            self.tr("Pickup code"), self.tr("Recipient name"), self.tr("Phone"), self.tr("Carrier"), self.tr("Days"),
            self.tr("Reminders"), self.tr("Status"), self.tr("Text message")]))
        header = self.table.horizontalHeader()
        for column in (0, 4, 5):  # code, days, reminders: as wide as they are; the rest share what is left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        keys(self.find_field, "Down", self.table.setFocus, focused=True)
        self.reason = QComboBox()
        for code, label in parcels.RETURN_REASONS.items():
            self.reason.addItem(translate("parcels", label), code)
        self.kind = QComboBox()
        for code, label in parcels.EXCEPTION_KINDS.items():
            self.kind.addItem(translate("parcels", label), code)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.photo = QLineEdit()
        self.photo.setPlaceholderText(self.tr("Photo file (optional, Ctrl+O to choose)"))
        self.notice = Notice()

        actions = [
            (self.tr("Remind the selected (Ctrl+R)"), "Ctrl+R", self.remind_selected),
            (self.tr("Remind all in the list (Ctrl+Shift+R)"), "Ctrl+Shift+R", self.remind_all),
            (self.tr("Return the selected (Ctrl+T)"), "Ctrl+T", self.return_selected),
            (self.tr("Record a problem (Ctrl+E)"), "Ctrl+E", self.record_problem),
            (self.tr("Choose photo (Ctrl+O)"), "Ctrl+O", self.choose_photo),
        ]
        buttons = {}
        for label, key, slot in actions:
            button = QPushButton(label)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            keys(self, key, slot)
            buttons[key] = button

        remind = QHBoxLayout()
        remind.addWidget(buttons["Ctrl+R"])
        remind.addWidget(buttons["Ctrl+Shift+R"])
        remind.addStretch()
        back = QGroupBox(self.tr("Return to the carrier"))
        back_box = QVBoxLayout(back)
        back_row = QHBoxLayout()
        back_row.addWidget(QLabel(self.tr("Reason")))
        back_row.addWidget(self.reason, 1)
        back_box.addLayout(back_row)
        back_box.addWidget(buttons["Ctrl+T"])
        back_box.addStretch()
        problem = QGroupBox(self.tr("Problem parcel"))
        form = QFormLayout(problem)
        form.addRow(self.tr("Kind"), self.kind)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photo, 1)
        photo_row.addWidget(buttons["Ctrl+O"])
        form.addRow(self.tr("Photo"), photo_row)
        form.addRow("", buttons["Ctrl+E"])
        lower = QHBoxLayout()
        lower.addWidget(back, 1)
        lower.addWidget(problem, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.find_field)
        layout.addWidget(self.table, 1)
        layout.addLayout(remind)
        layout.addWidget(self.note)
        layout.addLayout(lower)
        layout.addWidget(self.notice)
        for a, b in ((self.find_field, self.table), (self.table, self.note), (self.note, self.reason), (self.reason, self.kind),
                     (self.kind, self.photo)):
            QWidget.setTabOrder(a, b)

    def focus_first(self) -> None:
        self.table.setFocus() if self.table.rowCount() else self.find_field.setFocus()

    def handle_scan(self, code: str) -> bool:
        self.find_field.setText(code)
        self.find_entered()
        return True

    def refresh(self) -> None:
        db = self.ctx.db
        now = db.clock.now()
        overdue = parcels.overdue_parcels(db)
        rows: dict[str, Parcel] = {o.parcel.id: o.parcel for o in overdue}
        due = {o.parcel.id for o in overdue if o.return_due}
        for p in parcels.parcels_to_return(db):
            rows.setdefault(p.id, p)
            due.add(p.id)
        shelf = {p.id: p for p in parcels.on_shelf(db)}
        self.extra = [i for i in self.extra if i in shelf]
        for i in self.extra:
            rows.setdefault(i, shelf[i])
        listed = sorted(rows.values(), key=lambda p: p.arrived_at)
        texts = parcels.latest_notices(db, [p.id for p in listed])  # did the villager get the text?
        keep = set(selected_keys(self.table))
        self.table.fill([[p.pickup_code or p.waybill, p.recipient_name, p.phone_masked, p.carrier_name,
                          str(p.days_on_shelf(now)), str(p.reminders),
                          p.status_text + (" · " + self.tr("return it") if p.id in due else "")
                          + (f" · {p.warning_text}" if p.warning else ""),
                          texts[p.id].state_text() if p.id in texts else self.tr("No text")] for p in listed],
                        keys=[p.id for p in listed])
        for r, p in enumerate(listed):
            if p.id in keep:
                self.table.selectionModel().select(self.table.model().index(r, 0), _ROW)
        self.summary.setText(self.tr("{overdue} overdue (over {days} days on the shelf), {due} to return").format(
            overdue=len(overdue), days=settings.get(db, "parcels.overdue_days"), due=len(due)))

    def find_entered(self) -> None:
        text = self.find_field.text().strip()
        if not text:
            return
        answer = check(self.notice, parcels.find_parcels, self.ctx.db, text)
        if answer is None:
            return
        _how, found = answer
        if not found:
            self.notice.error(self.tr("No parcel on the shelf for '{text}'").format(text=text))
            self.find_field.selectAll()
            return
        self.extra += [p.id for p in found if p.id not in self.extra]
        self.refresh()
        self.table.clearSelection()
        ids = {p.id for p in found}
        for r, key in enumerate(all_keys(self.table)):
            if key in ids:
                self.table.selectionModel().select(self.table.model().index(r, 0), _ROW)
                self.table.setCurrentCell(r, 0, _ROW)
        self.find_field.clear()
        self.notice.clear_message()
        self.table.setFocus()

    def _picked(self) -> list[str]:
        ids = selected_keys(self.table)
        if not ids:
            self.notice.error(self.tr("Select parcels in the list first (arrow keys, Shift for several)"))
            self.table.setFocus()
        return ids

    def remind_selected(self) -> None:
        ids = self._picked()
        if ids:
            self._remind(ids)

    def remind_all(self) -> None:
        ids = all_keys(self.table)
        if ids:
            self._remind(ids)

    def _remind(self, ids: list[str]) -> None:
        sent = self.ctx.act(parcels.send_reminders, parcel_ids=ids, notice=self.notice)
        if sent is not None:
            self.notice.ok(self.tr("{n} reminder text messages queued; they go out with the next sync").format(n=len(sent)))

    def return_selected(self) -> None:
        ids = self._picked()
        done = 0
        for pid in ids:
            if self.ctx.act(parcels.return_parcel, parcel_id=pid, reason=self.reason.currentData(),
                            note=self.note.text(), notice=self.notice) is None:
                return
            done += 1
        if done:
            self.notice.ok(self.tr("{n} parcels returned: give them to the courier").format(n=done))
            self.note.clear()

    def record_problem(self) -> None:
        ids = self._picked()
        done = 0
        for pid in ids:
            if self.ctx.act(parcels.record_exception, parcel_id=pid, kind=self.kind.currentData(), note=self.note.text(),
                            photo_path=self.photo.text().strip() or None, notice=self.notice) is None:
                return
            done += 1
        if done:
            self.notice.ok(self.tr("{n} problem parcels recorded: {kind}").format(n=done, kind=self.kind.currentText()))
            self.note.clear()
            self.photo.clear()

    def choose_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Photo of the parcel"), "",
                                              self.tr("Pictures (*.jpg *.jpeg *.png *.bmp)"))
        if path:
            self.photo.setText(path)
