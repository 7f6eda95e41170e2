"""What needs a person first on the task board, worst first, from `core.today.Today` and the
printer's state. Each warning says what is wrong and where to fix it (`target`)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from station_app.core.today import Today
from station_app.ui.status_bar import PRINTER_PROBLEMS

ERROR, WARNING = "error", "warning"


def _tr(text: str) -> str:
    return QCoreApplication.translate("HomePage", text)


@dataclass(frozen=True)
class Warning:
    text: str
    level: str  # ERROR (red: act now) or WARNING (amber: soon)
    target: str  # what Enter opens: "link", "printer", "cash", "reports"


def warnings(t: Today, printer_status: str = "unknown") -> list[Warning]:
    """The board's warnings, the ones that stop work first."""
    out: list[Warning] = []
    if t.sync_refused:
        out.append(Warning(_tr("The county hub REFUSED this station's records: {error}. Call the county "
                               "office.").format(error=t.sync_refused), ERROR, "link"))
    if not t.enrolled:
        out.append(Warning(_tr("Not connected to the county hub: {bills} bill payments are NOT paid and {sms} "
                               "pickup texts are NOT sent until it is. Press Enter to see how to connect.").format(
            bills=t.bills_waiting, sms=t.sms_waiting), ERROR, "link"))
    if t.clock_warning:
        out.append(Warning(t.clock_warning, ERROR, "link"))
    if printer_status in PRINTER_PROBLEMS:
        names = {"offline": _tr("The receipt printer is offline: check its cable and power."),
                 "out_of_paper": _tr("The receipt printer is out of paper: put in a new roll."),
                 "cover_open": _tr("The receipt printer's cover is open: close it."),
                 "error": _tr("The receipt printer reports an error: see F10.")}
        out.append(Warning(names[printer_status], ERROR, "printer"))
    r = t.report
    if r.due_now:
        if r.unsent:
            text = _tr("Monthly report {month}: due to the county by {due} ({days} days left); {n} of its records "
                       "are not uploaded yet.").format(month=r.month, due=r.due.isoformat(), days=r.days_left,
                                                      n=r.unsent)
            out.append(Warning(text, ERROR if r.days_left <= 2 else WARNING, "link"))
        else:
            out.append(Warning(_tr("Monthly report {month}: due by {due}; every record of it has reached the "
                                   "county.").format(month=r.month, due=r.due.isoformat()), "ok", "reports"))
    if t.closed_today:
        out.append(Warning(_tr("Today's business day is closed (daily close done). Money taken now asks to open "
                               "another business day."), WARNING, "cash"))
    elif t.cash_day is None:
        out.append(Warning(_tr("The business day is not open: count the drawer and open it (F7, Ctrl+O)."),
                           WARNING, "cash"))
    return out
