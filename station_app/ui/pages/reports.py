"""The reports page: the monthly report for the county (figures, 12-month charts, saved as
Excel or PDF) and today's daily report (cash by service, over/short, the day's counts).

Keyboard: PgUp / PgDn change the month, Ctrl+M the month, Ctrl+T today, Ctrl+E save as
Excel, Ctrl+Shift+E save as PDF, Ctrl+P print today's close slip.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from station_app.clock import local_day
from station_app.core import cash, report_files, reports
from station_app.core.changes import Changes
from station_app.core.events import last_seq
from station_app.core.money import format_fen
from station_app.core.report_types import MonthlyReport
from station_app.core.reports import CHARTS, DAILY_COUNTS, FIGURES, SECTIONS, label, show_value
from station_app.errors import UserError
from station_app.i18n import translate
from station_app.ui.charts import BarChart
from station_app.ui.context import StationContext
from station_app.ui.pages.base import Page
from station_app.ui.pages.cash import close_receipt
from station_app.ui.widgets import Notice, ReadOnlyTable, heading

MONTHS_BACK = 24  # months offered in the picker when the station is older than that


def compact(kind: str, value: int) -> str:
    """A short text for a bar: 1234, ¥856, ¥4.6万."""
    if kind != "fen":
        return str(value)
    yuan = value // 100
    if yuan < 10_000:
        return f"¥{yuan}"
    tenths = yuan // 1_000
    return f"¥{tenths // 10}.{tenths % 10}万"


class ReportsPage(Page):
    watches = (Changes.PARCELS | Changes.BILLS | Changes.CONSIGNMENT | Changes.TRAINING | Changes.CASH
               | Changes.PEOPLE | Changes.SETTINGS)
    scan_kinds: frozenset[str] = frozenset()  # no codes are scanned here

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.month = QComboBox()
        self.month.currentIndexChanged.connect(lambda _i: self.refresh())
        self.notice = Notice()
        self.save_xlsx = QPushButton(self.tr("Save as Excel (Ctrl+E)"))
        self.save_xlsx.clicked.connect(lambda: self.export("xlsx"))
        self.save_pdf = QPushButton(self.tr("Save as PDF (Ctrl+Shift+E)"))
        self.save_pdf.clicked.connect(lambda: self.export("pdf"))
        self.print_slip = QPushButton(self.tr("Print today's close slip (Ctrl+P)"))
        self.print_slip.clicked.connect(self.print_close_slip)

        self.figures = ReadOnlyTable([self.tr("Section"), self.tr("Figure"), self.tr("Value")])
        for column, mode in ((0, QHeaderView.ResizeMode.ResizeToContents), (2, QHeaderView.ResizeMode.ResizeToContents)):
            self.figures.horizontalHeader().setSectionResizeMode(column, mode)
        self.charts: dict[str, BarChart] = {key: BarChart(label(text)) for key, _, _, text, _ in CHARTS}
        chart_grid = QGridLayout()
        for i, chart in enumerate(self.charts.values()):
            chart_grid.addWidget(chart, i // 2, i % 2)
        month_tab = QWidget()
        month_layout = QHBoxLayout(month_tab)
        month_layout.addWidget(self.figures, 2)
        month_layout.addLayout(chart_grid, 3)

        self.day_title = QLabel()
        self.day_title.setObjectName("heading")
        self.cash_state = QLabel()
        self.cash_state.setWordWrap(True)
        self.cash_lines = ReadOnlyTable([self.tr("Service"), self.tr("Cash in"), self.tr("Cash out"), self.tr("Income"),
                                         self.tr("Transactions")])
        self.day_counts = ReadOnlyTable([self.tr("Figure"), self.tr("Today")])
        day_tab = QWidget()
        day_layout = QGridLayout(day_tab)
        day_layout.addWidget(self.day_title, 0, 0, 1, 2)
        day_layout.addWidget(self.cash_state, 1, 0)
        day_layout.addWidget(self.cash_lines, 2, 0)
        day_layout.addWidget(self.day_counts, 1, 1, 2, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(month_tab, self.tr("Month (Ctrl+M)"))
        self.tabs.addTab(day_tab, self.tr("Today (Ctrl+T)"))
        self.tabs.currentChanged.connect(lambda _i: self.refresh())

        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Reports")), 1)
        month_label = QLabel(self.tr("Month (PgUp/PgDn)"))
        month_label.setBuddy(self.month)
        top.addWidget(month_label)
        top.addWidget(self.month)
        buttons = QHBoxLayout()  # a row of its own: the page fits a 1024-pixel screen
        buttons.addWidget(self.save_xlsx)
        buttons.addWidget(self.save_pdf)
        buttons.addWidget(self.print_slip)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)

        for key, slot in (("Ctrl+E", lambda: self.export("xlsx")), ("Ctrl+Shift+E", lambda: self.export("pdf")),
                          ("Ctrl+P", self.print_close_slip), ("Ctrl+M", self.show_month), ("Ctrl+T", self.show_today),
                          ("PgUp", lambda: self.step_month(-1)), ("PgDown", lambda: self.step_month(1))):
            QShortcut(QKeySequence(key), self, slot)
        self._cache: dict[tuple[str, int, int], MonthlyReport] = {}
        self._fill_months()

    def title(self) -> str:
        return self.tr("Reports")

    def focus_first(self) -> None:
        self.month.setFocus()

    # -- months -------------------------------------------------------------------------------

    def today(self) -> date:
        return local_day(self.ctx.db.clock.now())

    def _fill_months(self) -> None:
        """The last 12 months, or back to the station's first cash day (at most MONTHS_BACK)."""
        today = self.today()
        first = str(self.ctx.db.value("SELECT min(label_day) FROM cash_periods") or today.isoformat())[:7]
        months = [m for m in reports.last_months(today, MONTHS_BACK) if m >= first]
        offered = months if len(months) > 12 else reports.last_months(today, 12)
        keep = self.month.currentData()
        self.month.blockSignals(True)
        self.month.clear()
        for m in reversed(offered):  # newest first: the month a keeper reports is at the top
            self.month.addItem(m, m)
        self.month.setCurrentIndex(max(0, self.month.findData(keep)) if keep else 0)
        self.month.blockSignals(False)

    def chosen_month(self) -> str:
        return str(self.month.currentData())

    def choose_month(self, month: str) -> None:
        index = self.month.findData(month)
        if index < 0:
            self.month.insertItem(0, month, month)
            index = 0
        self.month.setCurrentIndex(index)

    def step_month(self, step: int) -> None:
        """PgUp (-1) goes back a month, PgDn (+1) forward; the list is newest first."""
        index = self.month.currentIndex() - step
        if 0 <= index < self.month.count():
            self.month.setCurrentIndex(index)

    def show_month(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.month.setFocus()

    def show_today(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.day_counts.setFocus()

    # -- drawing ------------------------------------------------------------------------------

    def _stamp(self) -> tuple[int, int]:
        db = self.ctx.db
        return last_seq(db), int(db.value("SELECT max(hub_seq) FROM hub_events", default=0))

    def report(self, month: str) -> MonthlyReport:
        """The monthly report, computed again only when something was recorded since."""
        key = (month, *self._stamp())
        if key not in self._cache:
            self._cache = {k: v for k, v in self._cache.items() if k[1:] == key[1:]}
            self._cache[key] = reports.monthly_report(self.ctx.db, month)
        return self._cache[key]

    def refresh(self) -> None:
        if self.month.findData(reports.month_of(self.today())) < 0:  # a new month began while the page was open
            self._fill_months()
        if self.tabs.currentIndex() == 1:
            self.refresh_today()
        else:
            self.refresh_month()

    def refresh_month(self) -> None:
        month = self.chosen_month()
        report = self.report(month)
        rows, last_section = [], ""
        for f in FIGURES:  # the section is named on its first row only: easier to scan
            section = translate("reports", SECTIONS[f.section]) if f.section != last_section else ""
            rows.append([section, translate("reports", f.label), show_value(f.kind, f.value(report))])
            last_section = f.section
        self.figures.fill(rows)
        months = reports.last_months(reports.month_days(month)[0], 12)
        values = [reports.chart_values(self.ctx.db, m) for m in months]
        names = [str(int(m[5:])) for m in months]
        for key, _, _, _, kind in CHARTS:
            series = [v[key] for v in values]
            self.charts[key].set_data(names, series, [compact(kind, x) for x in series], highlight=len(months) - 1)

    def refresh_today(self) -> None:
        day = self.today()
        daily = reports.daily_report(self.ctx.db, day)
        self.day_title.setText(self.tr("Daily report {day}").format(day=day.isoformat()))
        lines: list[list[str]] = []
        states = []
        for period in daily["cash"]:
            for line in period["lines"]:
                lines.append([translate("services", cash.SERVICES.get(line["service"], line["service"])),
                              format_fen(line["cash_in_fen"]), format_fen(line["cash_out_fen"]),
                              format_fen(line["income_fen"]), str(line["transactions"])])
            if period["status"] == "closed":
                states.append(self.tr("Cash day {day} closed: expected {expected}, counted {counted}, "
                                      "over/short {diff}").format(
                    day=period["label_day"], expected=format_fen(period["expected_fen"]),
                    counted=format_fen(period["counted_fen"] or 0), diff=format_fen(period["over_short_fen"])))
            else:
                states.append(self.tr("Cash day {day} open: the drawer should hold {expected}").format(
                    day=period["label_day"], expected=format_fen(period["expected_fen"])))
        self.cash_state.setText("\n".join(states) or self.tr("No cash day today"))
        self.cash_lines.fill(lines)
        self.day_counts.fill([[translate("reports", text), show_value(kind, reports.daily_value(daily, section, key))]
                              for section, key, text, kind in DAILY_COUNTS])

    # -- actions ------------------------------------------------------------------------------

    def export(self, fmt: str) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save the monthly report in"))
        if folder:
            self.write_report(folder, fmt)

    def write_report(self, folder: str | Path, fmt: str) -> Path | None:
        """Write the chosen month's report into `folder` as xlsx or pdf; the file, or None."""
        month = self.chosen_month()
        station = reports.station_info(self.ctx.db)["name"]
        stem = "".join(ch for ch in f"{label(report_files.TITLE)}_{month}_{station}" if ch not in '\\/:*?"<>|')
        try:
            path = report_files.write_monthly(self.ctx.db, month, Path(folder) / f"{stem}.{fmt}", fmt)
        except (OSError, UserError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.notice.error(self.tr("The report could not be saved: {reason}").format(reason=reason))
            return None
        self.notice.ok(self.tr("Report saved: {file}").format(file=str(path)))
        return path

    def print_close_slip(self) -> None:
        """The close slip of today's latest cash day, as the cash page prints it at the close."""
        day = self.today()
        periods = reports.periods_on(self.ctx.db, day)
        if not periods:
            self.notice.error(self.tr("No cash day today: there is no close slip to print"))
            return
        self.notice.ok(self.ctx.print(close_receipt(self.ctx, periods[-1])))
