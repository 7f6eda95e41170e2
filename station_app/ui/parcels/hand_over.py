"""Hand-over (出库): one search for whatever the villager shows (pickup code, with or without its
dashes; phone or its last 4 digits, the waybill, their villager card, their name). Every parcel
of theirs on the shelf comes up ticked, oldest first, and Enter hands them over. Space ticks a
row; Alt+D: someone else collects; Alt+C: record their consent.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station_app import speech
from station_app.clock import show
from station_app.core import labels, parcels
from station_app.core.parcels import PROXY, SELF, Parcel
from station_app.core.parcels.photos import HAND_OVER as HAND_OVER_PHOTO
from station_app.i18n import translate
from station_app.ui.context import StationContext
from station_app.ui.parcels import photos as counter_photos
from station_app.ui.parcels.common import big_label, check, fit_columns, keys, scan_field
from station_app.ui.widgets import Notice, ReadOnlyTable, on_escape


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
        # the code, phone, shelf and days are never cut; names, carriers and states share the rest
        self.table = fit_columns(ReadOnlyTable([self.tr("Hand over"), self.tr("Recipient name"), self.tr("Phone"),
                                                self.tr("Carrier"), self.tr("Shelf"), self.tr("Days"), self.tr("Status")]),
                                 0, 2, 4, 5)
        keys(self.table, "Space", self.toggle_current, focused=True)
        keys(self.table, "Return", self.hand_over, focused=True)
        keys(self.table, "Enter", self.hand_over, focused=True)
        keys(self.search, "Down", self.table.setFocus, focused=True)
        keys(self, "Ctrl+Return", self.hand_over)
        keys(self, "Ctrl+Enter", self.hand_over)
        self.handed: list[str] = []  # the parcels of the last hand-over (Alt+F photographs the collector)
        keys(self, "Alt+F", self.photograph)
        keys(self, "Alt+V", self.show_photos)
        self.proxy = QCheckBox(self.tr("Someone else collects for them (Alt+D)"))
        self.proxy.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.proxy.toggled.connect(self._proxy_toggled)
        keys(self, "Alt+D", self.proxy.toggle)
        self.proxy_name = QLineEdit()
        self.proxy_name.setPlaceholderText(self.tr("Name of the person collecting"))
        self.proxy_name.setEnabled(False)
        self.proxy_name.returnPressed.connect(self.hand_over)
        on_escape(self, [self.name_search, self.proxy_name], clear=self.clear)
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
        found = sorted(found, key=lambda p: (p.arrived_at, p.id))
        theirs = parcels.same_villager(self.ctx.db, found[0])
        if self.how in ("code", "waybill", "person"):  # the villager's other parcels come too
            found += [p for p in theirs if p.id not in {f.id for f in found}]
            found.sort(key=lambda p: (p.arrived_at, p.id))
        self._show(found, {p.id for p in theirs})
        self._say_found(found)
        self.table.setFocus()
        self.table.selectRow(0)

    def _say_found(self, found: list[Parcel]) -> None:
        """How many are ticked and how long the oldest has waited; the others found, unticked."""
        ticked = [p for p in found if p.id in set(self.checked_ids())]
        first = ticked[0] if ticked else found[0]
        name = first.recipient_name or first.phone_masked
        days = first.days_on_shelf(self.ctx.db.clock.now())
        if len(ticked) > 1:
            text = self.tr("{name}: {n} parcels on the shelf, all ticked; the oldest has waited {days} days. "
                           "Enter hands them over").format(name=name, n=len(ticked), days=days)
        elif ticked:
            text = self.tr("{name}: 1 parcel on the shelf, ticked ({days} days). Enter hands it over").format(
                name=name, days=days)
        else:
            text = self.tr("Nothing here can be handed over: see the status of each row")
        others = len(found) - len(ticked)
        if others:
            text += "\n" + self.tr("{n} more found that may be someone else's: not ticked (Space ticks one)").format(n=others)
        (self.notice.ok if ticked else self.notice.error)(text)
        if ticked:  # said aloud for the villager at the counter, when the station speaks
            self.ctx.say(speech.pickup_phrase([p.pickup_code or "" for p in ticked]))

    def _nothing(self) -> None:
        self._show([])
        self.focus_first()

    def _not_found(self, how: str, text: str) -> str:
        if how == "code":
            gone = parcels.last_holder_of_code(self.ctx.db, text)
            code = gone.pickup_code if gone else text
            if gone and gone.status == parcels.PICKED_UP:
                return self.tr("Pickup code {code} was already collected on {time} by {who} ({phone})").format(
                    code=code, time=show(gone.picked_up_at or gone.arrived_at), who=gone.collected_by_masked or "—",
                    phone=gone.phone_masked or "—")
            if gone:
                return self.tr("Pickup code {code} is no longer on the shelf: {status} ({time})").format(
                    code=code, status=gone.status_text, time=show(gone.returned_at or gone.arrived_at))
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
        """`found` in the table; those in `checked` ticked (the ones that may be handed over)."""
        self.found = found
        now = self.ctx.db.clock.now()
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
                on = checked is not None and p.id in checked
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            else:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)  # no box: it may not go
                item.setToolTip(p.status_text)
        self._fit_codes(found)
        self._show_consent(found[0] if found else None)

    def _fit_codes(self, found: list[Parcel]) -> None:
        """The code column as wide as the longest code in bold, with its tick box: never cut."""
        bold = QFont(self.table.font())
        bold.setBold(True)
        longest = max([QFontMetrics(bold).horizontalAdvance("  " + (p.pickup_code or "")) for p in found] or [0])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, max(header.sectionSizeHint(0), longest + 56))  # + the tick box and the margins

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
        first = result.parcels[0]
        who = result.proxy_name or first.recipient_name or first.phone_masked or self.tr("the recipient")
        self.done.setText(self.tr("✓ Handed over {n}: {codes}").format(n=len(result.parcels), codes=codes))
        self.notice.ok(self.tr("{n} parcels handed to {name}").format(n=len(result.parcels), name=who))
        self.handed = [p.id for p in result.parcels]
        if counter_photos.after_each(self.ctx):
            counter_photos.take(self.ctx, self, self.handed, HAND_OVER_PHOTO, self.notice)
        self.clear(keep_message=True)

    def photograph(self) -> None:
        """Alt+F: a photo of the person who collected the last parcels handed over."""
        if not self.handed:
            self.notice.error(self.tr("Hand the parcels over first"))
            return
        counter_photos.take(self.ctx, self, self.handed, HAND_OVER_PHOTO, self.notice)
        self.focus_first()

    def show_photos(self) -> None:
        counter_photos.show_photos(self.ctx, self, self.table.current_key() or (self.handed[0] if self.handed else None),
                                   self.notice)

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
