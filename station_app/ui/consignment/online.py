"""County online-shop orders (网店订单): the county's shop sold goods this station holds on
consignment; pack them (scan each item's label), print the packing slip, and send them with
the e-waybill — the parcel joins the carrier's next courier batch. Keyboard first: Down picks an
order, scans go on the packing list, Ctrl+P packs, the e-waybill's Enter sends.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.clock import iso, show
from station_app.core import consignment as cs
from station_app.core import labels, outbound
from station_app.core import online_orders as oo
from station_app.core.money import format_fen
from station_app.core.parcels import carrier_name
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from station_app.receipts.orders import packing_slip
from station_app.ui.context import StationContext
from station_app.ui.parcels.common import (
    big_label,
    carrier_combo,
    check,
    keys,
    latin,
    scan_field,
    station_name,
)
from station_app.ui.widgets import Notice, ReadOnlyTable

STATES = {
    "new": QT_TRANSLATE_NOOP("online", "To pack"),
    "packed": QT_TRANSLATE_NOOP("online", "Packed"),
    "sent": QT_TRANSLATE_NOOP("online", "Sent"),
    "cancelled": QT_TRANSLATE_NOOP("online", "Cancelled"),
}


class OnlineTab(QWidget):
    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.codes: list[str] = []
        self.table = ReadOnlyTable([self.tr("Order"), self.tr("Receiver"), self.tr("Goods"), self.tr("Total"),
                                    self.tr("Status"), self.tr("E-waybill")])
        self.table.itemSelectionChanged.connect(self._show_chosen)
        self.chosen = big_label()
        self.lines = QLabel()
        self.lines.setWordWrap(True)
        self.scan = scan_field(self.tr("Scan each item's label into the box, then Ctrl+P packs"))
        self.scan.returnPressed.connect(self.scan_entered)
        keys(self.scan, "Down", self.table.setFocus, focused=True)
        self.scanned = QLabel()
        self.scanned.setWordWrap(True)
        pack = QPushButton(self.tr("Packed: print the packing slip (Ctrl+P)"))
        pack.clicked.connect(self.pack)
        keys(self, "Ctrl+P", self.pack)
        self.weight = latin(QLineEdit())
        self.weight.setPlaceholderText(self.tr("2.5 (kg) · 800 (g) · 6j (jin)"))
        self.carrier = carrier_combo()
        self.ewaybill = scan_field(self.tr("Scan the e-waybill: the order is sent"))
        self.ewaybill.returnPressed.connect(self.send)
        for key in ("Return", "Enter"):
            keys(self.table, key, self.scan.setFocus, focused=True)
            keys(self.weight, key, self.ewaybill.setFocus, focused=True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why the goods come out of the box"))
        unpack = QPushButton(self.tr("Unpack: goods back on the shelf"))
        unpack.clicked.connect(self.unpack)
        self.refuse_reason = QLineEdit()
        self.refuse_reason.setPlaceholderText(self.tr("Why the goods cannot be sent (sold out, spoilt…)"))
        refuse = QPushButton(self.tr("Cannot fill: tell the county"))
        refuse.clicked.connect(self.refuse)
        self.notice = Notice()

        self.pack_box = QWidget()  # what a new order needs
        packing = QVBoxLayout(self.pack_box)
        packing.setContentsMargins(0, 0, 0, 0)
        packing.addWidget(self.scan)
        packing.addWidget(self.scanned)
        packing.addWidget(pack)
        cannot = QHBoxLayout()
        cannot.addWidget(self.refuse_reason, 1)
        cannot.addWidget(refuse)
        packing.addLayout(cannot)
        self.send_box = QWidget()  # what a packed order needs
        send = QFormLayout()
        send.addRow(self.tr("Weight"), self.weight)
        send.addRow(self.tr("Carrier"), self.carrier)
        send.addRow(self.tr("E-waybill"), self.ewaybill)
        undo = QHBoxLayout()
        undo.addWidget(self.reason, 1)
        undo.addWidget(unpack)
        sending = QVBoxLayout(self.send_box)
        sending.setContentsMargins(0, 0, 0, 0)
        sending.addLayout(send)
        sending.addLayout(undo)
        right = QVBoxLayout()
        right.addWidget(self.chosen)
        right.addWidget(self.lines)
        right.addWidget(self.pack_box)
        right.addWidget(self.send_box)
        right.addWidget(self.notice)
        right.addStretch()
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Orders from the county online shop")))
        left.addWidget(self.table, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def focus_first(self) -> None:
        (self.weight if self.send_box.isVisibleTo(self) else self.scan).setFocus()

    def refresh(self) -> None:
        keep = self.table.current_key()
        orders = sorted(oo.online_orders(self.ctx.db), key=lambda o: (["new", "packed", "sent", "cancelled"].index(o.status),
                                                                      o.ordered_at))
        orders = [o for o in orders if o.status in ("new", "packed")] + [o for o in orders if o.status not in ("new", "packed")][-30:]
        self.table.fill([[o.number, f"{o.receiver_name} {o.receiver_phone_masked}", self._goods(o), format_fen(o.total),
                          self._state(o), o.waybill or ""] for o in orders], keys=[o.id for o in orders])
        ids = [o.id for o in orders]
        if ids:
            self.table.selectRow(ids.index(keep) if keep in ids else 0)
        self._show_chosen()

    def _state(self, o: oo.OnlineOrder) -> str:
        state = translate("online", STATES.get(o.status, o.status))
        if o.county_status == "cancelled" and o.status == "packed":
            state += self.tr(" — cancelled by the county: unpack")
        return state

    @staticmethod
    def _goods(o: oo.OnlineOrder) -> str:
        return "、".join(f"{x.get('name', '')} {x.get('quantity', '')}{x.get('unit', '')}" for x in o.lines)

    def _order(self) -> oo.OnlineOrder | None:
        key = self.table.current_key()
        return oo.get_online_order(self.ctx.db, key) if key else None

    def _show_chosen(self) -> None:
        self.codes.clear()
        self._show_scanned()
        o = self._order()
        self.pack_box.setVisible(o is not None and o.status == "new")
        self.send_box.setVisible(o is not None and o.status == "packed")
        if o is None:
            self.chosen.setText(self.tr("No online orders"))
            self.lines.clear()
            return
        self.chosen.setText(f"{o.number} {self._state(o)}")
        self.lines.setText("\n".join([f"{o.platform}  {show(o.ordered_at)}", f"{o.receiver_name} {o.receiver_phone_masked}",
                                      o.receiver_address, "", *[f"{x.get('name', '')} × {x.get('quantity', '')}"
                                                                f"{x.get('unit', '')}  {format_fen(int(x.get('price', 0)))}"
                                                                for x in o.lines],
                                      *([self.tr("Why: {note}").format(note=o.note)] if o.note else []),
                                      *([self.tr("Sent as {waybill} ({carrier})").format(
                                          waybill=o.waybill, carrier=carrier_name(o.carrier or ""))] if o.waybill else [])]))

    def _show_scanned(self) -> None:
        self.scanned.setText(self.tr("In the box: {codes}").format(codes=" ".join(cs.spaced(c) for c in self.codes))
                             if self.codes else "")

    def handle_scan(self, code: str) -> bool:
        """An item label goes in the box; any other code is the e-waybill."""
        text = code.strip()
        if labels.looks_like_label(text) or cs.parse_trace(text):
            self.scan.setText(text)
            self.scan_entered()
        else:
            self.ewaybill.setText(text)
            self.send()
        return True

    def scan_entered(self) -> None:
        text = self.scan.text().strip()
        if not text:
            return
        found = check(self.notice, cs.check_label, self.ctx.db, text)
        self.scan.clear()
        if found is None:
            return
        if found.code in self.codes:
            self.notice.error(self.tr("This label is already in the box"))
            return
        self.codes.append(found.code)
        self._show_scanned()
        self.notice.ok(self.tr("{name} in the box").format(name=found.lot.name))

    def pack(self) -> None:
        o = self._order()
        if o is None:
            return
        done = self.ctx.act(oo.pack_online_order, order_id=o.id, codes=list(self.codes), notice=self.notice)
        if done is None:
            return
        codes: dict[str, list[str]] = {}  # lot id -> the trace codes of the units packed
        if done.sale_id:
            for line in cs.sale_lines(self.ctx.db, done.sale_id):
                codes.setdefault(line.lot_id, []).extend(line.codes)
        printed = self.ctx.print(packing_slip(station_name(self.ctx), self.ctx.operator.name, done,
                                              iso(self.ctx.db.clock.now()), codes))
        self.refresh()
        self.notice.ok(self.tr("{number} packed; put the packing slip in the box. {printed}").format(
            number=done.number, printed=printed))
        self.weight.setFocus()

    def send(self) -> None:
        o = self._order()
        if o is None:
            return
        grams = self.ctx.run(outbound.read_weight, self.weight.text(), notice=self.notice)
        if grams is None:
            self.weight.setFocus()
            self.weight.selectAll()
            return
        done = self.ctx.act(oo.send_online_order, order_id=o.id, waybill=self.ewaybill.text(),
                            carrier=self.carrier.currentData(), weight_g=grams, notice=self.notice)
        if done is None:
            self.ewaybill.selectAll()
            return
        self.ewaybill.clear()
        self.weight.clear()
        self.refresh()
        self.notice.ok(self.tr("{number} sent as {waybill}: it goes with the next {carrier} courier batch").format(
            number=done.number, waybill=done.waybill, carrier=self.carrier.currentText()))
        self.focus_first()

    def _with_reason(self, action: Callable[..., oo.OnlineOrder], field: QLineEdit) -> oo.OnlineOrder | None:
        """An action on the chosen order that needs the reason typed in `field`."""
        o = self._order()
        if o is None:
            return None
        done = self.ctx.act(action, order_id=o.id, reason=field.text(), notice=self.notice)
        if done is None:
            field.setFocus()
            return None
        field.clear()
        self.refresh()
        return done

    def refuse(self) -> None:
        done = self._with_reason(oo.refuse_online_order, self.refuse_reason)
        if done is not None:
            self.notice.ok(self.tr("{number}: the county will hear it cannot be filled with the next sync").format(
                number=done.number))

    def unpack(self) -> None:
        done = self._with_reason(oo.unpack_online_order, self.reason)
        if done is not None:
            self.notice.ok(self.tr("{number} unpacked: the goods are back on hand").format(number=done.number))
