"""Training across the county: sessions held at the county centre (recorded on the hub, not at any
station), the county-wide person-times target (the plans: 2,000–5,000 人次 per county and year) and
progress by month, the stations' sessions and the centre's together.

    station-hub county-session add --title T --day D --person-times N [...]
    /dashboard/training                 progress by month against the county's target
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import insert, select

from station_app.clock import local_day
from station_app.core import reports, training
from station_app.errors import ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id
from sync.hub import audit, county_settings
from sync.hub.county_settings import HubSetting
from sync.hub.db import reading, writing
from sync.hub.evidence_db import county_sessions, ensure_evidence_tables
from sync.hub.health import each_synced_station
from sync.hub.office_db import ensure_office_tables
from sync.hub.shadows import Shadows

TARGET_KEY = "training_county_target"
county_settings.HUB_SETTINGS.setdefault(TARGET_KEY, HubSetting(
    TARGET_KEY, 3000, 0, 1_000_000,
    QT_TRANSLATE_NOOP("dashboard", "Training person-times target for the county and year")))

NO_TITLE = QT_TRANSLATE_NOOP("errors", "A training session needs a title")
BAD_DAY = QT_TRANSLATE_NOOP("errors", "'{text}' is not a day like 2026-11-23")
BAD_COUNT = QT_TRANSLATE_NOOP("errors", "Person-times must be a whole number from 1 to 5000, poverty-register ones "
                                        "no more than that")


@dataclass(frozen=True)
class CountySession:
    id: str
    title: str
    day: str
    place: str
    organiser: str
    category: str
    person_times: int
    poverty_person_times: int
    recorded_by: str


def record_session(hub: Any, *, title: str, day: str, person_times: int | str, place: str = "", organiser: str = "",
                   category: str = "farmer", poverty_person_times: int | str = 0, who: str) -> CountySession:
    """Record a session held at the county centre (audited). Raises ValidationError."""
    title = " ".join((title or "").split())[:60]
    if not title:
        raise ValidationError(NO_TITLE)
    try:
        when = date.fromisoformat((day or "").strip())
    except ValueError:
        raise ValidationError(BAD_DAY, text=day) from None
    if category not in training.CATEGORIES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown trainee category {category}"), category=category)
    try:
        n, poor = int(person_times), int(poverty_person_times or 0)
    except (TypeError, ValueError):
        n, poor = 0, 0
    if not 1 <= n <= 5000 or not 0 <= poor <= n:
        raise ValidationError(BAD_COUNT)
    session = CountySession(new_id(), title, when.isoformat(), " ".join((place or "").split())[:60],
                            " ".join((organiser or "").split())[:60], category, n, poor, who[:80])
    ensure_evidence_tables(hub.engine)
    ensure_office_tables(hub.engine)
    now = hub.now()
    with writing(hub.engine) as conn:
        conn.execute(insert(county_sessions).values(
            id=session.id, title=session.title, day=session.day, place=session.place, organiser=session.organiser,
            category=category, person_times=n, poverty_person_times=poor, recorded_at=now, recorded_by=who[:80]))
        audit.record_in(conn, now, who, "county_session.recorded", title, {"day": session.day, "person_times": n})
    return session


def sessions_of(hub: Any, year: int) -> list[CountySession]:
    ensure_evidence_tables(hub.engine)
    with reading(hub.engine) as conn:
        rows = conn.execute(select(county_sessions).where(county_sessions.c.day.between(f"{year}-01-01", f"{year}-12-31"))
                            .order_by(county_sessions.c.day)).all()
    return [CountySession(r.id, r.title, r.day, r.place, r.organiser, r.category, r.person_times,
                          r.poverty_person_times, r.recorded_by) for r in rows]


@dataclass(frozen=True)
class MonthProgress:
    month: str
    stations: int  # person-times at the stations
    centre: int  # person-times at the county centre
    cumulative: int
    poverty: int  # poverty-register person-times (both)
    businesses: int  # follow-ups: trainees who started a business
    jobs: int  # jobs those created


@dataclass(frozen=True)
class YearProgress:
    year: int
    target: int
    months: list[MonthProgress]
    left_out: list[dict[str, str]]

    @property
    def total(self) -> int:
        return self.months[-1].cumulative if self.months else 0


def progress(shadows: Shadows, year: int) -> YearProgress:
    """Person-times by month of the year (up to this month), stations and county centre, against
    the county's target; stations whose records cannot be counted are named."""
    hub = shadows.hub
    today = local_day(hub.clock.now())
    last_month = 12 if year < today.year else today.month
    months = [f"{year}-{m:02d}" for m in range(1, last_month + 1)]
    per_month = {m: [0, 0, 0, 0, 0] for m in months}  # stations, centre, poverty, businesses, jobs

    def count(_station: Any, db: Any) -> None:
        for m in months:
            first, last = reports.month_days(m)
            f = training.figures(db, first, last)
            per_month[m][0] += f.person_times
            per_month[m][2] += int(db.value(
                "SELECT count(*) FROM training_signins WHERE poverty = 1 AND signed_in_at >= ? AND "
                "signed_in_at < ?", reports.utc_bounds(first, last), default=0))
            per_month[m][3] += f.businesses_started
            per_month[m][4] += f.jobs_created

    left_out = each_synced_station(shadows, count)
    for s in sessions_of(hub, year):
        if s.day[:7] in per_month:
            per_month[s.day[:7]][1] += s.person_times
            per_month[s.day[:7]][2] += s.poverty_person_times
    out, running = [], 0
    for m in months:
        st, centre, poor, biz, jobs = per_month[m]
        running += st + centre
        out.append(MonthProgress(m, st, centre, running, poor, biz, jobs))
    return YearProgress(year, county_settings.get(hub, TARGET_KEY), out, left_out)
