"""Trainees' satisfaction surveys and follow-ups (what became of a trainee afterwards).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from station_app.clock import iso
from station_app.core import events
from station_app.core.events import Event
from station_app.core.operators import Operator
from station_app.core.training.sessions import PLANNED, _text, get_session
from station_app.db import Store
from station_app.errors import Conflict, NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import PersonId, new_id

QUESTIONS: dict[str, str] = {
    "content": QT_TRANSLATE_NOOP("training", "Course content"),
    "lecturer": QT_TRANSLATE_NOOP("training", "Lecturers"),
    "practical": QT_TRANSLATE_NOOP("training", "Useful for my work"),
    "organisation": QT_TRANSLATE_NOOP("training", "Organisation"),
}
OUTCOMES: dict[str, str] = {
    "shop": QT_TRANSLATE_NOOP("training", "Opened an online shop"),
    "employed": QT_TRANSLATE_NOOP("training", "Employed"),
    "business": QT_TRANSLATE_NOOP("training", "Started a business"),
    "none": QT_TRANSLATE_NOOP("training", "No change yet"),
}
SATISFIED_FROM = 4  # a 4 or 5 out of 5 counts as satisfied


@dataclass(frozen=True)
class Followup:
    id: str
    person_id: PersonId
    session_id: str | None
    outcome: str
    on_day: str
    note: str
    jobs_created: int = 0


def _score(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A survey score is a whole number from 1 to 5, not {value}"),
                              value=value)
    return value


def record_survey(db: Store, actor: Operator, session_id: str, person_id: str, *, overall: int,
                  answers: dict[str, int] | None = None, comment: str = "") -> int:
    """A trainee's satisfaction answers (each 1-5; 4-5 is satisfied). Answering again replaces
    the earlier answer. Raises ValidationError (score out of range, unknown question),
    NotFound (not signed in), Conflict (session not started). Returns the overall score."""
    overall = _score(overall)
    clean: dict[str, int] = {}
    for key, value in (answers or {}).items():
        if key not in QUESTIONS:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown survey question {question}"), question=key)
        clean[key] = _score(value)
    with db.transaction():
        if get_session(db, session_id).status == PLANNED:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "The session has not started yet"))
        row = db.row("SELECT id FROM training_signins WHERE session_id = ? AND person_id = ?", (session_id, person_id))
        if row is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "This person has not signed in to this session"))
        events.record(db, actor.id, "training.survey_recorded", row["id"],
                      {"overall": overall, "answers": clean, "comment": _text(comment, 500), "at": iso(db.clock.now())}, appliers=APPLY)
    return overall


def record_followup(db: Store, actor: Operator, *, person_id: str, outcome: str, on_day: date, note: str = "",
                    session_id: str | None = None, jobs_created: int = 0) -> Followup:
    """What became of a trainee (opened a shop / employed / started a business / none) on a day,
    and the jobs that created (a business or shop that employs others). Raises ValidationError
    (outcome, jobs), NotFound (person; session they did not attend)."""
    if outcome not in OUTCOMES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown follow-up outcome {outcome}"), outcome=outcome)
    if isinstance(jobs_created, bool) or not isinstance(jobs_created, int) or not 0 <= jobs_created <= 10_000:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Jobs created must be a whole number from 0 to 10000"))
    if not isinstance(on_day, date):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The follow-up needs a date"))
    with db.transaction():
        if not db.value("SELECT 1 FROM people WHERE id = ?", (person_id,)):
            raise NotFound(QT_TRANSLATE_NOOP("errors", "No such person"))
        if session_id and not db.value("SELECT 1 FROM training_signins WHERE session_id = ? AND person_id = ?",
                                       (session_id, person_id)):
            raise NotFound(QT_TRANSLATE_NOOP("errors", "This person has not signed in to this session"))
        day, text = on_day.isoformat(), _text(note, 500)
        payload: dict[str, object] = {"person_id": person_id, "session_id": session_id, "outcome": outcome,
                                      "on_day": day, "note": text}
        if jobs_created:
            payload["jobs_created"] = jobs_created
        ev = events.record(db, actor.id, "training.followup_recorded", new_id(), payload, appliers=APPLY)
    return Followup(ev.entity_id, PersonId(person_id), session_id, outcome, day, text, jobs_created)


def followups(db: Store, person_id: str) -> list[Followup]:
    return [Followup(r["id"], PersonId(r["person_id"]), r["session_id"], r["outcome"], r["on_day"], r["note"],
                     r["jobs_created"])
            for r in db.rows("SELECT * FROM training_followups WHERE person_id = ? ORDER BY seq", (person_id,))]


def _survey(db: Store, ev: Event) -> None:
    p = ev.payload
    g = db.row("SELECT session_id, person_id FROM training_signins WHERE id = ?", (ev.entity_id,))
    assert g is not None, f"no sign-in {ev.entity_id}"
    db.execute(
        "INSERT INTO training_surveys (signin_id, session_id, person_id, overall, answers, comment, recorded_at,"
        " operator_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(signin_id) DO UPDATE SET overall = excluded.overall,"
        " answers = excluded.answers, comment = excluded.comment, recorded_at = excluded.recorded_at,"
        " operator_id = excluded.operator_id",
        (ev.entity_id, g["session_id"], g["person_id"], p["overall"], json.dumps(p["answers"], sort_keys=True),
         p["comment"], p["at"], ev.operator_id))


def _followup(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("training_followups", {"id": ev.entity_id, "seq": ev.seq, "person_id": p["person_id"],
                                     "session_id": p["session_id"], "outcome": p["outcome"], "on_day": p["on_day"],
                                     "note": p["note"], "jobs_created": int(p.get("jobs_created") or 0),
                                     "recorded_at": ev.station_time, "operator_id": ev.operator_id})


APPLY = {
    "training.survey_recorded": _survey,
    "training.followup_recorded": _followup,
}
