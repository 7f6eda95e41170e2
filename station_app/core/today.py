"""Today at the station, in one query for the F1 task board: the work waiting, what needs a
person first, and what a new station still has to set up.

The board only draws this value; every count here is the same count the page behind it
lists (the shelf, the overdue list, the courier's batch, the bills waiting for the county,
the refunds due, today's training).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from station_app.clock import SHANGHAI, iso, local_day, parse_iso
from station_app.core import bills, cash, parcels, settings, sync_state
from station_app.db import Store

#: machine-local: when this PC last read a scanner-gun scan (the first-run checklist's "scanner")
SCANNER_SEEN = "ui.scanner_seen_at"


@dataclass(frozen=True)
class FirstRun:
    """The four things a new station sets up; the board shows them until all are done."""

    county_link: bool  # enrolled with the county hub
    printer: bool  # a receipt printer is set up on this PC
    scanner: bool  # a scanner gun scan was read on this PC
    day_open: bool  # a business day is open

    @property
    def done(self) -> bool:
        return self.county_link and self.printer and self.scanner and self.day_open


@dataclass(frozen=True)
class MonthlyReport:
    """Last month's report: the county computes it from the synced records, due by its day."""

    month: str  # YYYY-MM
    due: date
    days_left: int  # until the due day (negative: late)
    unsent: int  # last month's records not yet uploaded to the county

    @property
    def due_now(self) -> bool:
        """Inside the reporting days (from the 1st to the due day) — the board mentions it."""
        return self.days_left >= 0


@dataclass(frozen=True)
class Today:
    day: date
    cash_day: str | None  # the open business day (its label), None when none is open
    closed_today: bool  # today's business day was closed and none is open
    drawer: int  # fen
    on_shelf: int  # 待取
    overdue: int  # 滞留
    for_courier: int  # 待交快递员: taken to send, not yet handed to a courier
    bills_waiting: int  # 等待县中心: accepted, the county has not paid them yet
    refunds_due: int  # 待退款: the county said failed, the cash goes back
    training_today: int  # 今日培训: sessions starting today (planned or signing in)
    checked_in: int  # today's parcels in
    picked_up: int  # today's parcels handed over
    sent: int  # today's parcels taken to send
    sms_waiting: int  # pickup texts waiting to go through the county, for parcels still on the shelf
    enrolled: bool
    sync_refused: str | None  # a refused sync a person must act on
    last_sync: str | None  # hub time of the last good sync
    sync_age_minutes: int | None
    pending_upload: int
    clock_warning: str | None
    report: MonthlyReport
    first_run: FirstRun


def _count(db: Store, sql: str, params: tuple[object, ...] = ()) -> int:
    return int(db.value(sql, params, default=0) or 0)


def monthly_report(db: Store, today: date) -> MonthlyReport:
    """Last month's report: due on the county's day of this month; how much of it is not uploaded."""
    first = today.replace(day=1)
    last_month = (first - timedelta(days=1)).strftime("%Y-%m")
    due = first.replace(day=min(28, max(1, int(settings.get(db, "reports.due_day")))))
    start = iso(datetime.combine(first, time(0), SHANGHAI))
    unsent = _count(db, "SELECT count(*) FROM events WHERE seq > ? AND station_time < ?",
                    (sync_state.acked_seq(db), start))
    return MonthlyReport(last_month, due, (due - today).days, unsent)


def scanner_seen(db: Store) -> bool:
    return bool(db.local(SCANNER_SEEN))


def note_scanner_seen(db: Store) -> None:
    """Remember (on this PC) that a scanner gun works here: the checklist ticks it off."""
    if not scanner_seen(db):
        with db.transaction():
            db.set_local(SCANNER_SEEN, iso(db.clock.now()))


def today(db: Store) -> Today:
    """Everything the task board shows, read now."""
    now = db.clock.now()
    day = local_day(now)
    figures = parcels.daily_figures(db, day)
    bill_figures = bills.daily_figures(db, day)
    period = cash.open_period(db)
    closed_today = period is None and bool(db.value(
        "SELECT 1 FROM cash_periods WHERE status = 'closed' AND label_day = ?", (day.isoformat(),)))
    start, end = (iso(datetime.combine(d, time(0), SHANGHAI)) for d in (day, day + timedelta(days=1)))
    status = sync_state.status(db)
    age = None
    heard = status.last_heard or status.last_sync  # by the network or the courier's USB stick (sync.courier)
    if heard:
        age = max(0, int((now - parse_iso(heard)).total_seconds() // 60))
    return Today(
        day=day,
        cash_day=period.label_day if period else None,
        closed_today=closed_today,
        drawer=cash.drawer_balance(db),
        on_shelf=figures.on_shelf_now,
        overdue=figures.overdue_now,
        for_courier=_count(db, "SELECT count(*) FROM outbound_parcels WHERE status = 'taken'"),
        bills_waiting=bill_figures.waiting_now.count,
        refunds_due=bill_figures.refund_due_now.count,
        training_today=_count(db, "SELECT count(*) FROM training_sessions WHERE starts_at >= ? AND starts_at < ? "
                                  "AND status != 'ended'", (start, end)),
        checked_in=figures.checked_in,
        picked_up=figures.picked_up,
        sent=figures.outbound_taken,
        sms_waiting=_count(db, "SELECT count(*) FROM parcel_notices n JOIN parcels p ON p.id = n.parcel_id "
                               "WHERE n.status = 'queued' AND p.on_shelf = 1"),
        enrolled=status.enrolled,
        sync_refused=status.last_error if status.needs_person else None,
        last_sync=heard,
        sync_age_minutes=age,
        pending_upload=status.pending,
        clock_warning=status.clock_warning,
        report=monthly_report(db, day),
        first_run=FirstRun(county_link=status.enrolled, printer=bool(settings.get(db, "printer.spec")),
                           scanner=scanner_seen(db), day_open=period is not None),
    )
