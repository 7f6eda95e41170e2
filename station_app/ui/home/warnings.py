"""What needs a person first on the task board, worst first, from `core.today.Today` and the
printer's state. Each warning says what is wrong and where to fix it (`target`)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from station_app.core.today import Today
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ui.status_bar import PRINTER_PROBLEMS

ERROR, WARNING, FINE = "error", "warning", "ok"

REFUSED = QT_TRANSLATE_NOOP("HomePage", "The county hub REFUSED this station's records: {error}. Call the county "
                                        "office.")
NOT_CONNECTED = {  # by what waits for the link: (bills, texts)
    (True, True): QT_TRANSLATE_NOOP("HomePage", "Not connected to the county hub: {bills} bill payments are NOT paid "
                                                "and {sms} pickup texts are NOT sent until it is. Press Enter to see "
                                                "how to connect."),
    (True, False): QT_TRANSLATE_NOOP("HomePage", "Not connected to the county hub: {bills} bill payments are NOT paid "
                                                 "until it is. Press Enter to see how to connect."),
    (False, True): QT_TRANSLATE_NOOP("HomePage", "Not connected to the county hub: {sms} pickup texts are NOT sent "
                                                 "until it is. Press Enter to see how to connect."),
    (False, False): QT_TRANSLATE_NOOP("HomePage", "Not connected to the county hub: bill payments and pickup texts "
                                                  "need it. Press Enter to see how to connect."),
}
PRINTER = {
    "offline": QT_TRANSLATE_NOOP("HomePage", "The receipt printer is offline: check its cable and power."),
    "out_of_paper": QT_TRANSLATE_NOOP("HomePage", "The receipt printer is out of paper: put in a new roll."),
    "cover_open": QT_TRANSLATE_NOOP("HomePage", "The receipt printer's cover is open: close it."),
    "error": QT_TRANSLATE_NOOP("HomePage", "The receipt printer reports an error: see F10."),
}
REPORT_DUE = QT_TRANSLATE_NOOP("HomePage", "Monthly report {month}: due to the county by {due} ({days} days left); "
                                           "{n} of its records are not uploaded yet.")
REPORT_SENT = QT_TRANSLATE_NOOP("HomePage", "Monthly report {month}: due by {due}; every record of it has reached "
                                            "the county.")
DAY_CLOSED = QT_TRANSLATE_NOOP("HomePage", "Today's business day is closed (daily close done). Money taken now asks "
                                           "to open another business day.")
DAY_NOT_OPEN = QT_TRANSLATE_NOOP("HomePage", "The business day is not open: count the drawer and open it (F7, "
                                             "Ctrl+O).")


def _tr(source: str) -> str:
    return QCoreApplication.translate("HomePage", source)


@dataclass(frozen=True)
class Warning:
    text: str
    level: str  # ERROR (red: act now), WARNING (amber: soon) or FINE (green: done)
    target: str  # what Enter opens: "link", "printer", "cash", "reports"


def warnings(t: Today, printer_status: str = "unknown") -> list[Warning]:
    """The board's warnings, the ones that stop work first."""
    out: list[Warning] = []
    if t.sync_refused:
        out.append(Warning(_tr(REFUSED).format(error=t.sync_refused), ERROR, "link"))
    if not t.enrolled:
        text = _tr(NOT_CONNECTED[t.bills_waiting > 0, t.sms_waiting > 0])
        out.append(Warning(text.format(bills=t.bills_waiting, sms=t.sms_waiting), ERROR, "link"))
    if t.clock_warning:
        out.append(Warning(t.clock_warning, ERROR, "link"))
    if printer_status in PRINTER_PROBLEMS:
        out.append(Warning(_tr(PRINTER[printer_status]), ERROR, "printer"))
    r = t.report
    if r.due_now and r.unsent:
        text = _tr(REPORT_DUE).format(month=r.month, due=r.due.isoformat(), days=r.days_left, n=r.unsent)
        out.append(Warning(text, ERROR if r.days_left <= 2 else WARNING, "link"))
    elif r.due_now:
        out.append(Warning(_tr(REPORT_SENT).format(month=r.month, due=r.due.isoformat()), FINE, "reports"))
    if t.closed_today:
        out.append(Warning(_tr(DAY_CLOSED), WARNING, "cash"))
    elif t.cash_day is None:
        out.append(Warning(_tr(DAY_NOT_OPEN), WARNING, "cash"))
    return out
