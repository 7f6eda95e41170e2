"""A simulated training session's archive (培训档案): on-site photos taken while the session runs,
and after it the documents the county's rule set asks for, photographed or scanned at the
counter. Most sessions get all of them the same afternoon (档案齐全); some get only part, and
the county's page says what is missing (档案不全) — as at real stations."""

from __future__ import annotations

import functools
import tempfile
from datetime import timedelta
from pathlib import Path

from station_app.clock import SHANGHAI, iso
from station_app.core import training
from station_app.core.simulate.paper import demo_pdf, demo_photo
from station_app.core.simulate.plan import DayPlan, Sim
from station_app.core.simulate.training import TRAINING_ENDS, TRAINING_STARTS
from station_app.core.training import documents
from station_app.errors import UserError

#: the documents a counter scans as PDF (the rest it photographs)
SCANNED = {"agreement", "plan", "syllabus", "materials"}


def archive_day(sim: Sim, plan: DayPlan) -> None:
    """On a day with a session (held by the training service at its afternoon hours): on-site
    photos half an hour in, and the archive documents once it has ended."""
    plan.later(TRAINING_STARTS + 30, functools.partial(_onsite_photos, sim))
    plan.later(TRAINING_ENDS + 10, functools.partial(_documents, sim))


def _today(sim: Sim) -> tuple[str, str]:
    day = sim.clock.now().astimezone(SHANGHAI).replace(hour=0, minute=0, second=0, microsecond=0)
    return iso(day), iso(day + timedelta(days=1))


def _sessions(sim: Sim, status: str, column: str) -> list[str]:
    start, end = _today(sim)
    return [r["id"] for r in sim.db.rows(f"SELECT id FROM training_sessions WHERE status = ? AND {column} >= ? "
                                         f"AND {column} < ? ORDER BY {column}", (status, start, end))]


def _stamp(sim: Sim, session_id: str) -> str:
    """What tells one session's paper from another's: its day (ids are random, the paper is not)."""
    return f"{training.get_session(sim.db, session_id).starts_at[:10]}"


def _onsite_photos(sim: Sim) -> None:
    """One to three photos of the room (nine sessions in ten have some)."""
    rng = sim.more
    for session_id in _sessions(sim, training.RUNNING, "started_at"):
        if rng.random() < 0.1:
            continue
        with tempfile.TemporaryDirectory() as folder:
            for n in range(rng.randint(1, 3)):
                shot = demo_photo(Path(folder), f"room-{n}", f"{_stamp(sim, session_id)} {n + 1}",
                                  shade=255 - 30 * n - rng.randint(0, 20))
                try:
                    training.add_photo(sim.db, sim.operator, session_id, source=shot, caption=f"培训现场{n + 1}")
                except UserError:
                    continue
                sim.bump("training_photos")


def _documents(sim: Sim) -> None:
    """The archive of each session that ended today: complete for most (七成), a document or two
    short for some, nothing yet for a few."""
    rng = sim.more
    for session_id in _sessions(sim, training.ENDED, "ended_at"):
        roll = rng.random()
        if roll < 0.1:
            continue
        wanted = [item for item in documents.checklist(sim.db, session_id) if not item.present]
        if roll >= 0.75 and len(wanted) > 1:
            for _ in range(min(len(wanted) - 1, rng.randint(1, 2))):
                wanted.pop(rng.randrange(len(wanted)))
        with tempfile.TemporaryDirectory() as folder:
            for n, item in enumerate(wanted):
                label = f"{item.kind} {item.lecturer}".strip()
                stamp = f"{_stamp(sim, session_id)} {label}"
                source = demo_pdf(Path(folder), f"doc-{n}", stamp) if item.kind in SCANNED else \
                    demo_photo(Path(folder), f"doc-{n}", stamp, shade=250 - n * 5)
                try:
                    documents.add_document(sim.db, sim.operator, session_id, kind=item.kind, source=source,
                                           lecturer=item.lecturer)
                except UserError:
                    continue
                sim.bump("training_documents")
        if not documents.missing(sim.db, session_id):
            sim.bump("training_archives_complete")

