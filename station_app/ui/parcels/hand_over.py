"""Hand-over (出库): one search for whatever the villager shows (pickup code, phone or its last
4 digits, the waybill, their villager card, their name), their parcels ticked, Enter hands
them over. Space ticks a row; Alt+D: someone else collects; Alt+C: record their consent.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station_app.clock import show
from station_app.core import labels, parcels
from station_app.core.parcels import PROXY, SELF, Parcel
from station_app.i18n import translate
from station_app.ui.context import StationContext
from station_app.ui.parcels.common import big_label, check, keys, scan_field
from station_app.ui.widgets import Notice, ReadOnlyTable


def _owner(p: Parcel) -> str:
    """Whose parcel it is, as far as the station can tell."""
    return p.person_id or p.phone or f"{p.phone_tail}|{p.recipient_name}"


class HandOverTab(QWidget):
    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.how = "code"
        self.found: list[Parcel] = []
        self.search = scan_field(self.tr("Pickup code, phone, last 4 digits, waybill or villager card, then Enter"))
        self.search.returnPressed.connect(self.look_up)
        self.name_search = QLineEdit()
        self.name_search.setPlaceholderText(self.tr("or the name"))
        self.name_search.returnPressed.connect(self.look_up)
        self.table = ReadOnlyTable([self.tr("Hand over"), self.tr("Recipient name"), self.tr("Phone"), self.tr("Carrier"),
                                    self.tr("Shelf"), self.tr("Days"), self.tr("Status")])
        keys(self.table, "Space", self.toggle_current, focused=True)
        keys(self.table, "Return", self.hand_over, focused=True)
        keys(self.table, "Enter", self.hand_over, focused=True)
        keys(self.search, "Down", self.table.setFocus, focused=True)
        keys(self, "Ctrl+Return", self.hand_over)
        keys(self, "Ctrl+Enter", self.hand_over)
        keys(self, "Escape", self.clear)
        self.proxy = QCheckBox(self.tr("Someone else collects for them (Alt+D)"))
        self.proxy.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.proxy.toggled.connect(self._proxy_toggled)
        keys(self, "Alt+D", self.proxy.toggle)
        self.proxy_name = QLineEdit()
        self.proxy_name.setPlaceholderText(self.tr("Name of the person collecting"))
        self.proxy_name.setEnabled(False)
        self.proxy_name.returnPressed.connect(self.hand_over)
        self.consent = QCheckBox(self.tr("They agree to have parcels delivered to the station: record it (Alt+C)"))
        self.consent.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        keys(self, "Alt+C", self._toggle_consent)
        self.consent_on_record = QLabel()
        self.consent_on_record.setObjectName("ok")
        self.done = big_label()
        go = QPushButton(self.tr("Hand over the ticked parcels (Enter)"))
        go.setAutoDefault(False)
        go.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        go.clicked.connect(self.hand_over)
        self.notice = Notice()
        self.setStyleSheet("QCheckBox::indicator, QTableWidget::indicator { width: 24px; height: 24px; }")

        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.name_search, 1)
        who = QHBoxLayout()
        who.addWidget(self.proxy)
        who.addWidget(self.proxy_name, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(who)
        layout.addWidget(self.consent)
        layout.addWidget(self.consent_on_record)
        layout.addWidget(go)
        layout.addWidget(self.notice)
        layout.addWidget(self.done)
        self._show([])

    def focus_first(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def handle_scan(self, code: str) -> bool:
        self.name_search.clear()
        self.search.setText(code)
        self.look_up()
        return True

    def refresh(self) -> None:
        if self.found:
            fresh = {p.id: p for p in parcels.on_shelf(self.ctx.db)}
            checked = set(self.checked_ids())
            self._show([fresh[p.id] for p in self.found if p.id in fresh], checked)

    # -- finding --------------------------------------------------------------------------------

    def look_up(self) -> None:
        text = self.search.text().strip() or self.name_search.text().strip()
        self.done.clear()
        if not text:
            self.focus_first()
            return
        if labels.looks_like_label(text):
            label = check(self.notice, labels.parse_label, text)
            if label is None:
                return self._nothing()
            if label.kind != labels.PERSON:
                self.notice.error(self.tr("This is a {kind}, not a villager card").format(
                    kind=translate("labels", labels.KIND_NAMES[label.kind])))
                return self._nothing()
            text = label.value
        answer = check(self.notice, parcels.find_parcels, self.ctx.db, text)
        if answer is None:
            return self._nothing()
        self.how, found = answer
        if not found:
            self.notice.error(self._not_found(self.how, text))
            return self._nothing()
        if self.how in ("code", "waybill"):  # the villager's other parcels come too
            first = found[0]
            more = parcels.find_for_person(self.ctx.db, first.person_id) if first.person_id else \
                parcels.find_by_phone(self.ctx.db, first.phone) if first.phone else []
            found += [p for p in more if p.id not in {f.id for f in found}]
        self.notice.ok(self.tr("{n} parcels on the shelf for {name}: the ticked ones go with Enter").format(
            n=len(found), name=found[0].recipient_name or found[0].phone_masked))
        self._show(found)
        self.table.setFocus()
        self.table.selectRow(0)

    def _nothing(self) -> None:
        self._show([])
        self.focus_first()

    def _not_found(self, how: str, text: str) -> str:
        if how == "code":
            return self.tr("No parcel on the shelf has pickup code {code}").format(code=text)
        if how == "waybill":
            history = parcels.find_by_waybill(self.ctx.db, text)
            if history:
                p = history[0]
                when = p.picked_up_at or p.returned_at or p.arrived_at
                return self.tr("Waybill {waybill} is no longer on the shelf: {status} ({time})").format(
                    waybill=p.waybill, status=p.status_text, time=show(when))
            return self.tr("No parcel with waybill {waybill} was ever checked in here").format(waybill=text)
        if how in ("phone", "phone_tail"):
            return self.tr("No parcel on the shelf for phone {phone}").format(phone=text)
        if how == "person":
            return self.tr("No parcel on the shelf for this villager")
        return self.tr("Nothing found for '{text}': try the pickup code or the phone number").format(text=text)

    def _show(self, found: list[Parcel], checked: set[str] | None = None) -> None:
        self.found = found
        now = self.ctx.db.clock.now()
        owner = _owner(found[0]) if found else None
        self.table.fill([["  " + (p.pickup_code or ""), p.recipient_name, p.phone_masked, p.carrier_name, p.slot,
                          str(p.days_on_shelf(now)), p.status_text + (f" · {p.warning_text}" if p.warning else "")]
                         for p in found], keys=[p.id for p in found])
        for r, p in enumerate(found):
            item = self.table.item(r, 0)
            assert item is not None
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            if parcels.can("hand_over", p.status, p.exception_kind):
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                on = p.id in checked if checked is not None else _owner(p) == owner
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            else:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)  # no box: it may not go
                item.setToolTip(p.status_text)
        self.table.resizeColumnToContents(0)
        self._show_consent(found[0] if found else None)

    def _show_consent(self, first: Parcel | None) -> None:
        on_record = parcels.consent_for(self.ctx.db, person_id=first.person_id, phone=first.phone) if first else None
        self.consent.setChecked(False)
        self.consent.setVisible(bool(first and not on_record and (first.person_id or first.phone)))
        self.consent_on_record.setVisible(on_record is not None)
        if on_record:
            self.consent_on_record.setText(self.tr("Consent to delivery at the station on record since {day}").format(
                day=show(on_record.recorded_at)[:10]))

    # -- handing over ---------------------------------------------------------------------------

    def toggle_current(self) -> None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            on = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if on else Qt.CheckState.Checked)

    def checked_ids(self) -> list[str]:
        out = []
        for r in range(self.table.rowCount()):
            item: QTableWidgetItem | None = self.table.item(r, 0)
            if item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable and item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def _toggle_consent(self) -> None:
        if self.consent.isVisible():
            self.consent.toggle()

    def _proxy_toggled(self, on: bool) -> None:
        self.proxy_name.setEnabled(on)
        if on:
            self.proxy_name.setFocus()

    def hand_over(self) -> None:
        ids = self.checked_ids()
        if not ids:
            self.notice.error(self.tr("Nothing is ticked: find the parcels first, Space ticks a row"))
            self.focus_first()
            return
        proxy = self.proxy.isChecked()
        result = self.ctx.act(parcels.hand_over, parcel_ids=ids, collector=PROXY if proxy else SELF,
                              proxy_name=self.proxy_name.text() if proxy else None, verified_by=self.how,
                              consent=self.consent.isVisible() and self.consent.isChecked(), notice=self.notice)
        if result is None:
            (self.proxy_name if proxy else self.table).setFocus()
            return
        codes = "、".join(p.pickup_code or p.waybill for p in result.parcels)
        who = result.proxy_name or result.parcels[0].recipient_name
        self.done.setText(self.tr("✓ Handed over {n}: {codes}").format(n=len(result.parcels), codes=codes))
        self.notice.ok(self.tr("{n} parcels handed to {name}").format(n=len(result.parcels), name=who))
        self.clear(keep_message=True)

    def clear(self, keep_message: bool = False) -> None:
        self.search.clear()
        self.name_search.clear()
        self.proxy.setChecked(False)
        self.proxy_name.clear()
        if not keep_message:
            self.notice.clear_message()
            self.done.clear()
        self._show([])
        self.focus_first()
