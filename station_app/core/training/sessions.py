"""Training sessions: planned at the station (`create_session`) or on the county schedule (hub
event `county.training_scheduled`), corrected, started before anyone signs in and ended after.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from station_app.clock import iso
from station_app.core import events, people
from station_app.core.events import Event
from station_app.core.operators import Operator
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import Conflict, NotFound, PermissionDenied, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id

#: who a session is for; a sign-in keeps the trainee's own category (a poverty-register
#: household is counted as one whatever the session's audience)
CATEGORIES: dict[str, str] = {
    "cadre": QT_TRANSLATE_NOOP("training", "Cadre"),
    "farmer": QT_TRANSLATE_NOOP("training", "Farmer"),
    people.POVERTY: QT_TRANSLATE_NOOP("training", "Poverty-register household"),
    "entrepreneur": QT_TRANSLATE_NOOP("training", "Entrepreneur"),
    "practitioner": QT_TRANSLATE_NOOP("training", "E-commerce practitioner"),
    "business_owner": QT_TRANSLATE_NOOP("training", "Business owner"),
    # the groups the county plans name (people.TRAINEE_CATEGORIES)
    "returning_graduate": QT_TRANSLATE_NOOP("training", "Returning graduate"),
    "returning_migrant": QT_TRANSLATE_NOOP("training", "Returning migrant worker"),
    "station_keeper": QT_TRANSLATE_NOOP("training", "Service station keeper"),
    "self_employed": QT_TRANSLATE_NOOP("training", "Self-employed trader"),
    "village_cadre": QT_TRANSLATE_NOOP("training", "Village cadre"),
}
PLANNED, RUNNING, ENDED = "planned", "running", "ended"
STATUSES = {
    PLANNED: QT_TRANSLATE_NOOP("training", "Planned"),
    RUNNING: QT_TRANSLATE_NOOP("training", "Signing in"),
    ENDED: QT_TRANSLATE_NOOP("training", "Ended"),
}
MAX_CAPACITY = 2000
_ENDED_TEXT = QT_TRANSLATE_NOOP("errors", "The session \"{title}\" has ended: sign-in is closed")


@dataclass(frozen=True)
class Lecturer:
    name: str
    credentials: str = ""


#: a session's lecturers as a caller gives them: Lecturer, {name, credentials} or (name, credentials)
Lecturers = Iterable[Lecturer | dict[str, str] | tuple[str, str]] | None


@dataclass(frozen=True)
class Session:
    id: str
    title: str
    category: str
    trainer_org: str
    trainer_licence: str
    lecturers: tuple[Lecturer, ...]
    syllabus: str
    materials: str
    place: str
    starts_at: str
    ends_at: str
    capacity: int
    source: str
    status: str
    started_at: str | None
    ended_at: str | None
    signed_in: int = 0

    @property
    def from_county(self) -> bool:
        return self.source == "county"

    @property
    def is_full(self) -> bool:
        return self.signed_in >= self.capacity


def _text(value: str | None, limit: int) -> str:
    return " ".join((value or "").split())[:limit]


def _lecturers(values: Lecturers) -> list[dict[str, str]]:
    out = []
    for item in values or ():
        name, cred = (item.name, item.credentials) if isinstance(item, Lecturer) else (
            (item.get("name", ""), item.get("credentials", "")) if isinstance(item, dict) else item)
        name, cred = _text(name, 30), _text(cred, 200)
        if not name:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Every lecturer needs a name"))
        out.append({"name": name, "credentials": cred})
    if len(out) > 20:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "At most 20 lecturers per session"))
    return out


def _when(value: datetime) -> str:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A session needs its start and end time"))
    return iso(value)


def _session_values(*, title: str, category: str, trainer_org: str, trainer_licence: str, lecturers: Lecturers,
                    syllabus: str, materials: str, place: str, starts_at: datetime, ends_at: datetime,
                    capacity: int) -> dict[str, Any]:
    title = _text(title, 60)
    if not title:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A training session needs a title"))
    if category not in CATEGORIES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown trainee category {category}"), category=category)
    start, end = _when(starts_at), _when(ends_at)
    if end <= start:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A session must end after it starts"))
    if isinstance(capacity, bool) or not isinstance(capacity, int) or not 1 <= capacity <= MAX_CAPACITY:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Capacity must be between 1 and {most} people"),
                              most=MAX_CAPACITY)
    return {
        "title": title, "category": category, "trainer_org": _text(trainer_org, 100),
        "trainer_licence": _text(trainer_licence, 100), "lecturers": _lecturers(lecturers),
        "syllabus": (syllabus or "").strip()[:4000], "materials": (materials or "").strip()[:1000],
        "place": _text(place, 100), "starts_at": start, "ends_at": end, "capacity": capacity,
    }


def create_session(db: Store, actor: Operator, *, title: str, category: str, starts_at: datetime, ends_at: datetime,
                   capacity: int, trainer_org: str = "", trainer_licence: str = "", lecturers: Lecturers = (),
                   syllabus: str = "", materials: str = "", place: str = "") -> Session:
    """Plan a training session at the station. `lecturers`: Lecturer, {name, credentials} or
    (name, credentials). Raises ValidationError (title, category, times, capacity, lecturers)."""
    values = _session_values(title=title, category=category, trainer_org=trainer_org, trainer_licence=trainer_licence,
                             lecturers=lecturers, syllabus=syllabus, materials=materials, place=place,
                             starts_at=starts_at, ends_at=ends_at, capacity=capacity)
    session_id = new_id()
    with db.transaction():
        events.record(db, actor.id, "training.session_created", session_id, values, appliers=APPLY)
    return get_session(db, session_id)


def update_session(db: Store, actor: Operator, session_id: str, *, title: str, category: str, starts_at: datetime,
                   ends_at: datetime, capacity: int, trainer_org: str = "", trainer_licence: str = "",
                   lecturers: Lecturers = (), syllabus: str = "", materials: str = "", place: str = "") -> Session:
    """Correct a station session's details (not a county one, not after it ended; capacity not
    below those already signed in)."""
    values = _session_values(title=title, category=category, trainer_org=trainer_org, trainer_licence=trainer_licence,
                             lecturers=lecturers, syllabus=syllabus, materials=materials, place=place,
                             starts_at=starts_at, ends_at=ends_at, capacity=capacity)
    with db.transaction():
        session = get_session(db, session_id)
        if session.from_county:
            raise PermissionDenied(QT_TRANSLATE_NOOP("errors", "This session is on the county schedule: the county changes it"))
        if session.status == ENDED:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "The session \"{title}\" has ended and can no longer be changed"),
                           title=session.title)
        if capacity < session.signed_in:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "{count} people are already signed in: capacity cannot be lower"),
                           count=session.signed_in)
        events.record(db, actor.id, "training.session_updated", session_id, values, appliers=APPLY)
    return get_session(db, session_id)


def start_session(db: Store, actor: Operator, session_id: str) -> Session:
    """Open sign-in. Raises Conflict if it already started or ended."""
    with db.transaction():
        session = get_session(db, session_id)
        if session.status != PLANNED:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "The session \"{title}\" has already started")
                           if session.status == RUNNING else _ENDED_TEXT, title=session.title)
        events.record(db, actor.id, "training.session_started", session_id, {"at": iso(db.clock.now())}, appliers=APPLY)
    return get_session(db, session_id)


def end_session(db: Store, actor: Operator, session_id: str) -> Session:
    """Close sign-in for good. Raises Conflict unless the session is running."""
    with db.transaction():
        session = get_session(db, session_id)
        _require_running(session)
        events.record(db, actor.id, "training.session_ended", session_id, {"at": iso(db.clock.now())}, appliers=APPLY)
    return get_session(db, session_id)


def _require_running(session: Session) -> None:
    if session.status == PLANNED:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "The session \"{title}\" has not started: start it first"),
                       title=session.title)
    if session.status == ENDED:
        raise Conflict(_ENDED_TEXT, title=session.title)


def _session(r: Row) -> Session:
    return Session(
        id=r["id"], title=r["title"], category=r["category"], trainer_org=r["trainer_org"],
        trainer_licence=r["trainer_licence"],
        lecturers=tuple(Lecturer(x["name"], x.get("credentials", "")) for x in json.loads(r["lecturers"])),
        syllabus=r["syllabus"], materials=r["materials"], place=r["place"], starts_at=r["starts_at"],
        ends_at=r["ends_at"], capacity=r["capacity"], source=r["source"], status=r["status"],
        started_at=r["started_at"], ended_at=r["ended_at"], signed_in=r["signed_in"],
    )


_SESSION_SQL = ("SELECT s.*, (SELECT count(*) FROM training_signins g WHERE g.session_id = s.id) AS signed_in "
                "FROM training_sessions s")


def get_session(db: Store, session_id: str) -> Session:
    row = db.row(_SESSION_SQL + " WHERE s.id = ?", (session_id,))
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such training session"))
    return _session(row)


def list_sessions(db: Store, limit: int = 200) -> list[Session]:
    """Running sessions first, then planned (soonest first), then ended (latest first)."""
    rows = db.rows(_SESSION_SQL + " ORDER BY CASE s.status WHEN 'running' THEN 0 WHEN 'planned' THEN 1 ELSE 2 END,"
                   " CASE WHEN s.status = 'ended' THEN NULL ELSE s.starts_at END, s.starts_at DESC LIMIT ?", (limit,))
    return [_session(r) for r in rows]


def _session_row(p: dict[str, Any], when: str) -> dict[str, Any]:
    """State columns from a session payload. County payloads are read leniently (a missing
    field gets a plain default) so one odd schedule entry cannot stall the sync behind it."""
    return {
        "title": p.get("title") or "—", "category": p.get("category") or "farmer",
        "trainer_org": p.get("trainer_org") or "", "trainer_licence": p.get("trainer_licence") or "",
        "lecturers": json.dumps(p.get("lecturers") or [], ensure_ascii=False), "syllabus": p.get("syllabus") or "",
        "materials": p.get("materials") or "", "place": p.get("place") or "", "starts_at": p.get("starts_at") or when,
        "ends_at": p.get("ends_at") or p.get("starts_at") or when, "capacity": int(p.get("capacity") or MAX_CAPACITY),
    }


def _created(db: Store, ev: Event, source: str = "station") -> None:
    db.insert("training_sessions", {"id": ev.entity_id, **_session_row(ev.payload, ev.station_time), "source": source,
                                    "status": PLANNED, "created_at": ev.station_time, "updated_at": ev.station_time})


def _updated(db: Store, ev: Event) -> None:
    db.update("training_sessions", {"id": ev.entity_id}, {**_session_row(ev.payload, ev.station_time),
                                                          "updated_at": ev.station_time})


def _county_scheduled(db: Store, ev: Event) -> None:
    """The county's schedule is the truth for its sessions: a re-sent entry updates the details."""
    if db.value("SELECT 1 FROM training_sessions WHERE id = ?", (ev.entity_id,)):
        _updated(db, ev)
    else:
        _created(db, ev, "county")


def _started(db: Store, ev: Event) -> None:
    db.update("training_sessions", {"id": ev.entity_id}, {"status": RUNNING, "started_at": ev.payload["at"],
                                                          "started_by": ev.operator_id})


def _ended(db: Store, ev: Event) -> None:
    db.update("training_sessions", {"id": ev.entity_id}, {"status": ENDED, "ended_at": ev.payload["at"],
                                                          "ended_by": ev.operator_id})


APPLY = {
    "training.session_created": _created,
    "training.session_updated": _updated,
    "training.session_started": _started,
    "training.session_ended": _ended,
    "county.training_scheduled": _county_scheduled,
}
