"""What the parcel tabs share: scan fields, the carrier combo, the big pickup code (and, from
`station_app.ui.widgets`, tab-scoped keys and code fields)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTabWidget,
    QWidget,
)

from station_app.core.parcels import CARRIERS, carrier_name
from station_app.core.station import get_station
from station_app.errors import UserError
from station_app.ui.context import StationContext
from station_app.ui.scanning import make_scan_field
from station_app.ui.widgets import Notice, ReadOnlyTable

# re-exported: the parcel and order tabs import them from here
from station_app.ui.widgets import keys as keys
from station_app.ui.widgets import latin as latin

T = TypeVar("T")

CODE_FONTS = ("Consolas", "DejaVu Sans Mono", "Noto Sans Mono", "Liberation Mono")


class BigCode(QWidget):
    """A pickup code in the largest type that fits the width it is given (at most `max_pt`):
    never cut ("1-2-678"), and never asking the page for more room than a small label."""

    def __init__(self, text: str = "—", max_pt: int = 60, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_pt = max_pt
        self._text = ""
        self.color = QColor("#1f3a5f")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        self._text = text
        self.setAccessibleName(text)
        self.update()

    def _font(self, points: float) -> QFont:
        font = QFont(next((f for f in CODE_FONTS if f in QFontDatabase.families()), "monospace"))
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setBold(True)
        font.setPointSizeF(points)
        return font

    def fitted_font(self) -> QFont:
        """The font the code is drawn in now: `max_pt`, or smaller so that it fits the width."""
        full = self._font(self.max_pt)
        width = QFontMetrics(full).horizontalAdvance(self._text or "—")
        room = max(10, self.width() - 8)
        return full if width <= room else self._font(max(8.0, self.max_pt * room / width))

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self._font(self.max_pt))
        return QSize(metrics.horizontalAdvance("A12-3-4567") + 8, metrics.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(120, QFontMetrics(self._font(self.max_pt)).height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(self.fitted_font())
        painter.setPen(self.color)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._text)


def scan_field(placeholder: str = "") -> QLineEdit:
    """A line edit for scanned or typed codes (no input method), in large type."""
    edit = make_scan_field(QLineEdit())
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    edit.setMinimumHeight(44)
    return edit


def carrier_combo(first: Sequence[str] = ()) -> QComboBox:
    combo = QComboBox()
    fill_carriers(combo, first)
    return combo


def fill_carriers(combo: QComboBox, first: Sequence[str] = (), *, blank: str | None = None) -> None:
    """The carriers with `first` (a ranked guess) at the top, marked; the top one chosen."""
    combo.blockSignals(True)
    combo.clear()
    if blank is not None:
        combo.addItem(blank, "")
    for code in first:
        combo.addItem("★ " + carrier_name(code), code)
    for code in CARRIERS:
        if code not in first:
            combo.addItem(carrier_name(code), code)
    combo.setCurrentIndex(0)
    combo.blockSignals(False)


def choose(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)


def multi_select(table: ReadOnlyTable) -> ReadOnlyTable:
    """Rows picked with Shift/Ctrl + arrows and Ctrl+A, as well as one by one."""
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    return table


def fit_columns(table: ReadOnlyTable, *columns: int) -> ReadOnlyTable:
    """Columns as wide as their text (waybill numbers must not be cut off); the rest share the width."""
    for c in columns:
        table.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
    return table


def selected_keys(table: ReadOnlyTable) -> list[str]:
    rows = sorted({i.row() for i in table.selectionModel().selectedRows()})
    out = []
    for r in rows:
        item = table.item(r, 0)
        if item is not None and item.data(Qt.ItemDataRole.UserRole):
            out.append(item.data(Qt.ItemDataRole.UserRole))
    return out


def all_keys(table: ReadOnlyTable) -> list[str]:
    out = []
    for r in range(table.rowCount()):
        item = table.item(r, 0)
        if item is not None and item.data(Qt.ItemDataRole.UserRole):
            out.append(item.data(Qt.ItemDataRole.UserRole))
    return out


def big_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("big")
    label.setWordWrap(True)
    return label


def station_name(ctx: StationContext) -> str:
    station = get_station(ctx.db)
    return station.name if station else ""


def attempt(ctx: StationContext, notice: Notice, action: Callable[..., T], *args: Any,
            **kwargs: Any) -> tuple[T | None, UserError | None]:
    """`ctx.act`, also saying which refusal it was (so the page can put the keyboard where the fix goes)."""
    caught: list[UserError] = []

    def run(*a: Any, **kw: Any) -> T:
        try:
            return action(*a, **kw)
        except UserError as exc:
            caught.append(exc)
            raise

    result = ctx.act(run, *args, notice=notice, **kwargs)
    return result, (caught[0] if caught else None)


def check(notice: Notice, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """A read or check that may refuse the input: its message in `notice`, or the value."""
    try:
        return fn(*args, **kwargs)
    except UserError as exc:
        notice.error(str(exc))
        return None


def numbered_tabs(owner: QWidget, tabs: QTabWidget, named: Sequence[tuple[QWidget, str]]) -> None:
    """`named` tabs on `tabs`, Ctrl+1, Ctrl+2 ... switching to them from anywhere in `owner`.
    The tabs carry their names only, so all of them fit a 1024-pixel screen; the keys are said
    once in the corner and on each tab's tooltip."""
    for i, (widget, name) in enumerate(named):
        tabs.addTab(widget, name)
        tabs.setTabToolTip(i, f"Ctrl+{i + 1}")
        keys(owner, f"Ctrl+{i + 1}", functools.partial(tabs.setCurrentIndex, i))
    corner = QLabel(f"Ctrl+1…{len(named)}")
    corner.setObjectName("hint")
    corner.setContentsMargins(8, 0, 8, 0)
    tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
