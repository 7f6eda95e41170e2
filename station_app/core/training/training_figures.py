"""Training figures for reports: sessions, person-times, reach, satisfaction and outcomes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from station_app.clock import SHANGHAI, iso
from station_app.core import settings
from station_app.core.training.surveys import SATISFIED_FROM
from station_app.db import Store


@dataclass(frozen=True)
class TrainingFigures:
    """Training figures for a period (local days, both ends included)."""

    start: date
    end: date
    sessions: int
    person_times: int
    distinct_people: int
    by_category: dict[str, int]
    poverty_people: int
    poverty_households: int
    surveys: int
    satisfied: int
    shops_opened: int
    employed: int
    person_times_target: int = 0
    satisfaction_target_pct: int = 90
    businesses_started: int = 0  # trainees who started a business (follow-ups in the period)
    jobs_created: int = 0  # jobs those follow-ups say were created

    @property
    def satisfaction_pct(self) -> float | None:
        """Share of survey answers scoring 4-5, in percent (None before any survey)."""
        return 100.0 * self.satisfied / self.surveys if self.surveys else None

    @property
    def satisfaction_met(self) -> bool | None:
        pct = self.satisfaction_pct
        return None if pct is None else pct >= self.satisfaction_target_pct


def _utc_bounds(start: date, end: date) -> tuple[str, str]:
    low = datetime.combine(start, time(0), SHANGHAI)
    high = datetime.combine(end + timedelta(days=1), time(0), SHANGHAI)
    return iso(low), iso(high)


def figures(db: Store, start: date, end: date) -> TrainingFigures:
    """Sessions held, person-times, distinct people, person-times by category, poverty-register
    people and households reached, survey satisfaction and follow-up outcomes, for the local
    days start..end. The person-times target is the county's yearly one."""
    low, high = _utc_bounds(start, end)
    where = "FROM training_signins g WHERE g.signed_in_at >= ? AND g.signed_in_at < ?"
    span = (low, high)
    totals = db.row(f"SELECT count(*) AS n, count(DISTINCT g.person_id) AS people, count(DISTINCT g.session_id) AS sessions "
                    f"{where}", span)
    by_category = {r["category"]: r["n"] for r in db.rows(
        f"SELECT g.category, count(*) AS n {where} GROUP BY g.category ORDER BY g.category", span)}
    poverty = db.row(
        "SELECT count(DISTINCT g.person_id) AS people, count(DISTINCT coalesce(p.household_no, p.id)) AS households "
        "FROM training_signins g JOIN people p ON p.id = g.person_id "
        "WHERE g.poverty = 1 AND g.signed_in_at >= ? AND g.signed_in_at < ?", span)
    survey = db.row(
        "SELECT count(*) AS n, coalesce(sum(v.overall >= ?), 0) AS satisfied FROM training_surveys v "
        "JOIN training_signins g ON g.id = v.signin_id WHERE g.signed_in_at >= ? AND g.signed_in_at < ?",
        (SATISFIED_FROM, low, high))
    assert totals is not None and poverty is not None and survey is not None  # aggregates: always one row
    jobs = int(db.value("SELECT coalesce(sum(jobs_created), 0) FROM training_followups WHERE on_day BETWEEN ? AND ?",
                        (start.isoformat(), end.isoformat()), default=0))
    outcomes = {r["outcome"]: r["n"] for r in db.rows(
        "SELECT outcome, count(DISTINCT person_id) AS n FROM training_followups WHERE on_day BETWEEN ? AND ? "
        "GROUP BY outcome", (start.isoformat(), end.isoformat()))}
    return TrainingFigures(
        start=start, end=end, sessions=totals["sessions"], person_times=totals["n"], distinct_people=totals["people"],
        by_category=by_category, poverty_people=poverty["people"], poverty_households=poverty["households"],
        surveys=survey["n"], satisfied=survey["satisfied"], shops_opened=outcomes.get("shop", 0),
        employed=outcomes.get("employed", 0),
        person_times_target=settings.get(db, "training.person_times_target"),
        satisfaction_target_pct=settings.get(db, "training.satisfaction_target_pct"),
        businesses_started=outcomes.get("business", 0), jobs_created=jobs,
    )


def year_figures(db: Store, year: int) -> TrainingFigures:
    return figures(db, date(year, 1, 1), date(year, 12, 31))
