"""Simulated follow-ups of trainees by phone (培训跟踪): between sessions the keeper calls people
trained a week or more before and records what became of them — an online shop opened, a job,
a business started and the jobs it made for others — as the county's training figures count."""

from __future__ import annotations

import functools
from datetime import timedelta

from station_app.clock import SHANGHAI, iso
from station_app.core import training
from station_app.core.simulate.plan import DayPlan, Sim
from station_app.core.simulate.training import jobs_created
from station_app.errors import UserError

OUTCOMES = [("none", 50), ("shop", 16), ("employed", 14), ("business", 20)]


def followups_day(sim: Sim, plan: DayPlan) -> None:
    """On about one weekday in four, a few calls at the end of the afternoon."""
    rng = sim.more
    if sim.clock.now().astimezone(SHANGHAI).weekday() < 5 and rng.random() < 0.25:
        plan.later(17 * 60 + 15, functools.partial(_calls, sim, rng.randint(1, 3)))


def _calls(sim: Sim, n: int) -> None:
    """`n` trainees of a session a week or more ago, not followed up in the last month."""
    rng = sim.more
    now = sim.clock.now()
    due = [r["person_id"] for r in sim.db.rows(
        "SELECT DISTINCT s.person_id FROM training_signins s JOIN training_sessions t ON t.id = s.session_id "
        "WHERE t.status = 'ended' AND t.ended_at < ? AND s.person_id NOT IN (SELECT person_id FROM training_followups "
        "WHERE on_day >= ?) ORDER BY s.person_id",
        (iso(now - timedelta(days=7)), (now - timedelta(days=30)).astimezone(SHANGHAI).date().isoformat()))]
    for person_id in rng.sample(due, min(n, len(due))):
        outcome = rng.choices([o for o, _ in OUTCOMES], weights=[w for _, w in OUTCOMES])[0]
        try:
            training.record_followup(sim.db, sim.operator, person_id=person_id, outcome=outcome,
                                     on_day=now.astimezone(SHANGHAI).date(), note="电话回访",
                                     jobs_created=jobs_created(sim, outcome))
        except UserError:
            continue
        sim.bump("training_followups")
