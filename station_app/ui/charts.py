"""Small charts drawn with QPainter (PySide6-Essentials has no QtCharts).

`BarChart` shows one bar per period (the last 12 months on the reports page) with its value
above the bar and its label under it; one bar can be highlighted (the month chosen). The
page gives it numbers and the texts to print, so money and counts look as everywhere else.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR = QColor("#4a7fb5")
HIGHLIGHT = QColor("#e07b24")
AXIS = QColor("#888888")
TEXT = QColor("#222222")


class BarChart(QWidget):
    """A titled bar chart; `set_data(labels, values, texts, highlight)` redraws it."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.labels: list[str] = []
        self.values: list[int] = []
        self.texts: list[str] = []
        self.highlight: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(260, 140)  # three rows of charts and the reports page still fit 768 high
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_data(self, labels: Sequence[str], values: Sequence[int], texts: Sequence[str] | None = None,
                 highlight: int | None = None) -> None:
        if len(labels) != len(values) or (texts is not None and len(texts) != len(values)):
            raise ValueError("a chart needs as many labels and texts as values")
        self.labels, self.values = list(labels), [max(0, int(v)) for v in values]
        self.texts = list(texts) if texts is not None else [str(v) for v in values]
        self.highlight = highlight
        summary = "; ".join(f"{label} {text}" for label, text in zip(self.labels, self.texts, strict=True))
        self.setToolTip(f"{self.title}\n" + summary.replace("; ", "\n"))
        self.setAccessibleName(self.title)
        self.setAccessibleDescription(summary)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 190)

    def bar_rects(self) -> list[QRectF]:
        """Where each bar is drawn (for tests and hit-testing)."""
        plot = self._plot_area()
        n = max(1, len(self.values))
        slot = plot.width() / n
        top = max(self.values, default=0) or 1
        rects = []
        for i, value in enumerate(self.values):
            height = plot.height() * value / top
            rects.append(QRectF(plot.left() + i * slot + slot * 0.15, plot.bottom() - height, slot * 0.7, height))
        return rects

    def _fonts(self) -> tuple[QFont, QFont]:
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.75))
        bold = QFont(self.font())
        bold.setBold(True)
        return small, bold

    def _plot_area(self) -> QRectF:
        small, bold = self._fonts()
        title_h = QFontMetrics(bold).height() + 4
        small_h = QFontMetrics(small).height()
        return QRectF(6, title_h + small_h + 2, max(1, self.width() - 12),
                      max(1, self.height() - title_h - 2 * small_h - 8))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        small, bold = self._fonts()
        painter.setFont(bold)
        painter.setPen(TEXT)
        title = QFontMetrics(bold).elidedText(self.title, Qt.TextElideMode.ElideRight, self.width() - 4)
        painter.drawText(QRectF(0, 0, self.width(), QFontMetrics(bold).height() + 2),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, title)
        plot = self._plot_area()
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.setFont(small)
        metrics = QFontMetrics(small)
        slot = plot.width() / max(1, len(self.values))
        for i, rect in enumerate(self.bar_rects()):
            painter.fillRect(rect, HIGHLIGHT if i == self.highlight else BAR)
            painter.setPen(TEXT)
            if self.values[i] and (metrics.horizontalAdvance(self.texts[i]) <= slot or i == self.highlight):
                width = max(2 * slot, metrics.horizontalAdvance(self.texts[i]) + 4)
                left = min(max(0.0, rect.center().x() - width / 2), self.width() - width)  # keep it on the widget
                painter.drawText(QRectF(left, rect.top() - metrics.height() - 1, width, metrics.height()),
                                 Qt.AlignmentFlag.AlignCenter, self.texts[i])
            painter.drawText(QRectF(plot.left() + i * slot, plot.bottom() + 2, slot, metrics.height()),
                             Qt.AlignmentFlag.AlignCenter, self.labels[i])
        if not any(self.values):
            painter.setPen(AXIS)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "—")
        painter.end()
