"""Training (培训签到): sessions, sign-ins, satisfaction surveys, photos and follow-ups.

The county pays training subsidies only on a complete archive per session (trainer and
lecturers with credentials, syllabus, time and place, a roster of sign-ins, on-site
photos) and counts person-times (人次: one sign-in of one person to one session) toward
its target. Auditors phone trainees at random, so sign-ins name real registry people.

A session is created at the station (`create_session`) or arrives from the county
schedule (hub event `county.training_scheduled`). It is started before anyone signs in
and ended afterwards; sign-ins are refused before the start and after the end.
Rosters (PDF, xlsx) are in `core.rosters`; figures for reports are `figures()`.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from station_app.core import events, labels, people, settings
from station_app.core.clock import SHANGHAI, iso, show
from station_app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from station_app.core.events import Event
from station_app.core.identity import clean_phone, mask_phone
from station_app.core.ids import PersonId, new_id
from station_app.core.operators import Operator
from station_app.i18n import QT_TRANSLATE_NOOP, translate

#: who a session is for; a sign-in keeps the trainee's own category (a poverty-register
#: household is counted as one whatever the session's audience)
CATEGORIES: dict[str, str] = {
    "cadre": QT_TRANSLATE_NOOP("training", "Cadre"),
    "farmer": QT_TRANSLATE_NOOP("training", "Farmer"),
    people.POVERTY: QT_TRANSLATE_NOOP("training", "Poverty-register household"),
    "entrepreneur": QT_TRANSLATE_NOOP("training", "Entrepreneur"),
    "practitioner": QT_TRANSLATE_NOOP("training", "E-commerce practitioner"),
    "business_owner": QT_TRANSLATE_NOOP("training", "Business owner"),
}
PLANNED, RUNNING, ENDED = "planned", "running", "ended"
STATUSES = {
    PLANNED: QT_TRANSLATE_NOOP("training", "Planned"),
    RUNNING: QT_TRANSLATE_NOOP("training", "Signing in"),
    ENDED: QT_TRANSLATE_NOOP("training", "Ended"),
}
METHODS = ("card", "phone", "new", "list")
QUESTIONS: dict[str, str] = {
    "content": QT_TRANSLATE_NOOP("training", "Course content"),
    "lecturer": QT_TRANSLATE_NOOP("training", "Lecturers"),
    "practical": QT_TRANSLATE_NOOP("training", "Useful for my work"),
    "organisation": QT_TRANSLATE_NOOP("training", "Organisation"),
}
OUTCOMES: dict[str, str] = {
    "shop": QT_TRANSLATE_NOOP("training", "Opened an online shop"),
    "employed": QT_TRANSLATE_NOOP("training", "Employed"),
    "none": QT_TRANSLATE_NOOP("training", "No change yet"),
}
SATISFIED_FROM = 4  # a 4 or 5 out of 5 counts as satisfied
MAX_CAPACITY = 2000
MAX_PHOTO_BYTES = 25 * 1024 * 1024
PHOTO_TYPES = {"JPEG": ".jpg", "PNG": ".png", "BMP": ".bmp", "WEBP": ".webp"}
EVIDENCE_DIR = "evidence"
_ENDED_TEXT = QT_TRANSLATE_NOOP("errors", "The session \"{title}\" has ended: sign-in is closed")


@dataclass(frozen=True)
class Lecturer:
    name: str
    credentials: str = ""


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


@dataclass(frozen=True)
class SignIn:
    id: str
    session_id: str
    person_id: PersonId
    name: str
    method: str
    category: str
    signed_in_at: str
    signed_out_at: str | None = None
    #: how many are signed in to the session after this one
    count: int = 0


@dataclass(frozen=True)
class Attendee:
    """One row of a session's roster, in sign-in order."""

    no: int
    signin_id: str
    person_id: PersonId
    name: str
    sex: str | None
    id_masked: str
    phone: str
    village: str
    category: str
    poverty: bool
    method: str
    signed_in_at: str
    signed_out_at: str | None
    overall: int | None

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


@dataclass(frozen=True)
class Photo:
    id: str
    session_id: str
    file: str
    sha256: str
    caption: str
    taken_at: str | None
    added_at: str


@dataclass(frozen=True)
class Followup:
    id: str
    person_id: PersonId
    session_id: str | None
    outcome: str
    on_day: str
    note: str


@dataclass(frozen=True)
class TrainingCard:
    """What the printer needs for a trainee's sign-in card (printer.templates.training_card)."""

    person_id: PersonId
    name: str
    village: str
    phone: str | None
    station: str
    payload: str
    session: str = ""
    starts_at: str = ""
    place: str = ""

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


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

    @property
    def satisfaction_pct(self) -> float | None:
        """Share of survey answers scoring 4-5, in percent (None before any survey)."""
        return 100.0 * self.satisfied / self.surveys if self.surveys else None

    @property
    def satisfaction_met(self) -> bool | None:
        pct = self.satisfaction_pct
        return None if pct is None else pct >= self.satisfaction_target_pct


# -- QR card payloads -----------------------------------------------------------------


def card_payload(person_id: str) -> str:
    """The QR text on a trainee's card: VS1:P:<person uuid> (see `core.labels`)."""
    return labels.format_person(person_id)


def parse_card(text: str) -> PersonId | None:
    """The person id on a scanned card; None if the text is no station label at all.

    Raises ValidationError for a damaged card, a newer label version or another kind of
    station label (a traceability label scanned by mistake).
    """
    if not labels.looks_like_label(text or ""):
        return None
    label = labels.parse_label(text)
    if label.kind != labels.PERSON:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "This is a {kind}, not a training card"),
                              kind=translate("labels", labels.KIND_NAMES[label.kind]))
    return PersonId(label.value)


def training_card(db: Any, person_id: str, session_id: str | None = None) -> TrainingCard:
    """The data for a trainee's sign-in card, with the session's title, time and place when
    given. Raises NotFound for an unknown person or session."""
    person = people.get_person(db, person_id)
    station = db.value("SELECT name FROM station") or ""
    card = TrainingCard(person.id, person.name, person.village, person.phone, station, card_payload(person.id))
    if session_id:
        s = get_session(db, session_id)
        card = TrainingCard(**{**card.__dict__, "session": s.title, "starts_at": s.starts_at, "place": s.place})
    return card


# -- sessions -------------------------------------------------------------------------


def _text(value: str | None, limit: int) -> str:
    return " ".join((value or "").split())[:limit]


def _lecturers(values: Any) -> list[dict[str, str]]:
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


def _session_values(*, title: str, category: str, trainer_org: str, trainer_licence: str, lecturers: Any,
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


def create_session(db: Any, actor: Operator, *, title: str, category: str, starts_at: datetime, ends_at: datetime,
                   capacity: int, trainer_org: str = "", trainer_licence: str = "", lecturers: Any = (),
                   syllabus: str = "", materials: str = "", place: str = "") -> Session:
    """Plan a training session at the station. `lecturers`: Lecturer, {name, credentials} or
    (name, credentials). Raises ValidationError (title, category, times, capacity, lecturers)."""
    values = _session_values(title=title, category=category, trainer_org=trainer_org, trainer_licence=trainer_licence,
                             lecturers=lecturers, syllabus=syllabus, materials=materials, place=place,
                             starts_at=starts_at, ends_at=ends_at, capacity=capacity)
    session_id = new_id()
    with db.transaction():
        events.record(db, actor.id, "training.session_created", session_id, values)
    return get_session(db, session_id)


def update_session(db: Any, actor: Operator, session_id: str, *, title: str, category: str, starts_at: datetime,
                   ends_at: datetime, capacity: int, trainer_org: str = "", trainer_licence: str = "",
                   lecturers: Any = (), syllabus: str = "", materials: str = "", place: str = "") -> Session:
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
        events.record(db, actor.id, "training.session_updated", session_id, values)
    return get_session(db, session_id)


def start_session(db: Any, actor: Operator, session_id: str) -> Session:
    """Open sign-in. Raises Conflict if it already started or ended."""
    with db.transaction():
        session = get_session(db, session_id)
        if session.status != PLANNED:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "The session \"{title}\" has already started")
                           if session.status == RUNNING else _ENDED_TEXT, title=session.title)
        events.record(db, actor.id, "training.session_started", session_id, {"at": iso(db.clock.now())})
    return get_session(db, session_id)


def end_session(db: Any, actor: Operator, session_id: str) -> Session:
    """Close sign-in for good. Raises Conflict unless the session is running."""
    with db.transaction():
        session = get_session(db, session_id)
        _require_running(session)
        events.record(db, actor.id, "training.session_ended", session_id, {"at": iso(db.clock.now())})
    return get_session(db, session_id)


def _require_running(session: Session) -> None:
    if session.status == PLANNED:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "The session \"{title}\" has not started: start it first"),
                       title=session.title)
    if session.status == ENDED:
        raise Conflict(_ENDED_TEXT, title=session.title)


def _session(r: Any) -> Session:
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


def get_session(db: Any, session_id: str) -> Session:
    row = db.row(_SESSION_SQL + " WHERE s.id = ?", (session_id,))
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such training session"))
    return _session(row)


def list_sessions(db: Any, limit: int = 200) -> list[Session]:
    """Running sessions first, then planned (soonest first), then ended (latest first)."""
    rows = db.rows(_SESSION_SQL + " ORDER BY CASE s.status WHEN 'running' THEN 0 WHEN 'planned' THEN 1 ELSE 2 END,"
                   " CASE WHEN s.status = 'ended' THEN NULL ELSE s.starts_at END, s.starts_at DESC LIMIT ?", (limit,))
    return [_session(r) for r in rows]


def archive_gaps(db: Any, session_id: str) -> list[str]:
    """What the county's subsidy audit would find missing in this session's archive
    (English source strings in context "training"); empty when complete."""
    s = get_session(db, session_id)
    gaps = []
    if not s.trainer_org:
        gaps.append(QT_TRANSLATE_NOOP("training", "trainer organisation"))
    if not s.lecturers or any(not lec.credentials for lec in s.lecturers):
        gaps.append(QT_TRANSLATE_NOOP("training", "lecturers with credentials"))
    if not s.syllabus:
        gaps.append(QT_TRANSLATE_NOOP("training", "syllabus"))
    if not s.place:
        gaps.append(QT_TRANSLATE_NOOP("training", "place"))
    if not s.signed_in:
        gaps.append(QT_TRANSLATE_NOOP("training", "sign-ins"))
    if not db.value("SELECT 1 FROM training_photos WHERE session_id = ? LIMIT 1", (session_id,)):
        gaps.append(QT_TRANSLATE_NOOP("training", "on-site photos"))
    if s.signed_in and not db.value("SELECT 1 FROM training_surveys WHERE session_id = ? LIMIT 1", (session_id,)):
        gaps.append(QT_TRANSLATE_NOOP("training", "satisfaction surveys"))
    if s.status != ENDED:
        gaps.append(QT_TRANSLATE_NOOP("training", "session ended"))
    return gaps


# -- sign-in --------------------------------------------------------------------------


def _require_room(session: Session) -> None:
    if session.is_full:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "The session is full: all {capacity} places are taken"),
                       capacity=session.capacity)


def _check_open(db: Any, session_id: str) -> Session:
    session = get_session(db, session_id)
    _require_running(session)
    _require_room(session)
    return session


def sign_in(db: Any, actor: Operator, session_id: str, *, person_id: str, method: str = "list",
            category: str | None = None) -> SignIn:
    """Sign a registered person in to a running session.

    `category` is the trainee's category for the roster; by default a poverty-register
    household is counted as one, anyone else in the session's category. Raises NotFound
    (no such session or person), Conflict (not started, ended, full, already signed in).
    """
    if method not in METHODS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown sign-in method {method}"), method=method)
    if category is not None and category not in CATEGORIES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown trainee category {category}"), category=category)
    with db.transaction():
        session = get_session(db, session_id)
        _require_running(session)
        person = db.row("SELECT id, name, categories FROM people WHERE id = ?", (person_id,))
        if person is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "No such person"))
        before = db.row("SELECT signed_in_at FROM training_signins WHERE session_id = ? AND person_id = ?",
                        (session_id, person_id))
        if before:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "{name} already signed in at {time}"),
                           name=person["name"], time=show(before["signed_in_at"]))
        _require_room(session)
        poverty = people.POVERTY in person["categories"].split(",")
        payload = {"session_id": session_id, "person_id": person_id, "method": method,
                   "category": category or (people.POVERTY if poverty else session.category),
                   "poverty": poverty, "at": iso(db.clock.now())}
        ev = events.record(db, actor.id, "training.signed_in", new_id(), payload)
    return _signin(db, ev.entity_id)


def sign_in_by_card(db: Any, actor: Operator, session_id: str, payload: str) -> SignIn:
    """Sign in by scanning the trainee's QR card. Raises ValidationError (not a card) and
    NotFound for a card of someone not registered here (a card from another station)."""
    person_id = parse_card(payload)
    if person_id is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "This is not a training card"))
    if not db.value("SELECT 1 FROM people WHERE id = ?", (person_id,)):
        raise NotFound(QT_TRANSLATE_NOOP(
            "errors", "This card belongs to no one registered at this station (a card from another station?): "
                      "sign the person in by phone or register them"))
    return sign_in(db, actor, session_id, person_id=person_id, method="card")


def sign_in_by_phone(db: Any, actor: Operator, session_id: str, phone: str, *,
                     person_id: str | None = None) -> SignIn:
    """Sign in the registered person with this phone number. When several people share it
    (a family phone) name one with `person_id`, else Conflict lists them."""
    number = clean_phone(phone)
    found = people.find_by_phone(db, number)
    if person_id is not None:
        found = [p for p in found if p.id == person_id]
    if not found:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No one with phone {phone} is registered: register them first"),
                       phone=mask_phone(number))
    if len(found) > 1:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "Several people share phone {phone} ({names}): pick the person by name"),
                       phone=mask_phone(number), names="、".join(p.name for p in found))
    return sign_in(db, actor, session_id, person_id=found[0].id, method="phone")


def sign_in_by_code(db: Any, actor: Operator, session_id: str, code: str) -> SignIn:
    """What the sign-in field got (scanned card or typed phone number), signed in."""
    text = (code or "").strip()
    if labels.looks_like_label(text):
        return sign_in_by_card(db, actor, session_id, text)
    digits = "".join(ch for ch in text if not ch.isspace() and ch != "-")
    if digits.lstrip("+").isdigit():
        return sign_in_by_phone(db, actor, session_id, text)
    raise ValidationError(QT_TRANSLATE_NOOP("errors", "Scan a training card or type an 11-digit phone number"))


def register_and_sign_in(db: Any, actor: Operator, session_id: str, *, name: str, phone: str | None = None,
                         village: str = "", sex: str | None = None, id_number: str | None = None,
                         categories: list[str] | tuple[str, ...] = (), category: str | None = None) -> SignIn:
    """Register a newcomer in the people registry and sign them in.

    The session is checked first (running, not full) so a refused sign-in does not leave a
    half-done registration; registering and signing in are two events.
    """
    _check_open(db, session_id)
    person = people.add_person(db, actor, name=name, phone=phone, village=village, sex=sex, id_number=id_number,
                               categories=categories)
    return sign_in(db, actor, session_id, person_id=person.id, method="new", category=category)


def sign_out(db: Any, actor: Operator, session_id: str, person_id: str) -> SignIn:
    """Record when a trainee left. Raises NotFound (not signed in), Conflict (already out, not running)."""
    with db.transaction():
        _require_running(get_session(db, session_id))
        row = db.row("SELECT * FROM training_signins WHERE session_id = ? AND person_id = ?", (session_id, person_id))
        if row is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "This person has not signed in to this session"))
        if row["signed_out_at"]:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Already signed out"))
        events.record(db, actor.id, "training.signed_out", row["id"], {"at": iso(db.clock.now())})
    return _signin(db, row["id"])


def cancel_sign_in(db: Any, actor: Operator, session_id: str, person_id: str, *, reason: str) -> None:
    """Take back a wrong sign-in (the wrong person picked) while the session runs; its survey goes too."""
    reason = _text(reason, 200)
    if not reason:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Say why the sign-in is taken back"))
    with db.transaction():
        _require_running(get_session(db, session_id))
        row = db.row("SELECT id FROM training_signins WHERE session_id = ? AND person_id = ?", (session_id, person_id))
        if row is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "This person has not signed in to this session"))
        events.record(db, actor.id, "training.sign_in_cancelled", row["id"], {"reason": reason})


def _signin(db: Any, signin_id: str) -> SignIn:
    r = db.row("SELECT g.*, p.name, (SELECT count(*) FROM training_signins x WHERE x.session_id = g.session_id) AS n "
               "FROM training_signins g JOIN people p ON p.id = g.person_id WHERE g.id = ?", (signin_id,))
    return SignIn(r["id"], r["session_id"], PersonId(r["person_id"]), r["name"], r["method"], r["category"],
                  r["signed_in_at"], r["signed_out_at"], r["n"])


def attendees(db: Any, session_id: str) -> list[Attendee]:
    """The session's roster in sign-in order (numbered from 1), with survey scores."""
    rows = db.rows(
        "SELECT g.*, p.name, p.sex, p.id_masked, p.phone, p.village, v.overall FROM training_signins g"
        " JOIN people p ON p.id = g.person_id LEFT JOIN training_surveys v ON v.signin_id = g.id"
        " WHERE g.session_id = ? ORDER BY g.seq", (session_id,))
    return [Attendee(i, r["id"], PersonId(r["person_id"]), r["name"], r["sex"], r["id_masked"] or "", r["phone"] or "",
                     r["village"], r["category"], bool(r["poverty"]), r["method"], r["signed_in_at"],
                     r["signed_out_at"], r["overall"]) for i, r in enumerate(rows, 1)]


# -- surveys, follow-ups, photos --------------------------------------------------------


def _score(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A survey score is a whole number from 1 to 5, not {value}"),
                              value=value)
    return value


def record_survey(db: Any, actor: Operator, session_id: str, person_id: str, *, overall: int,
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
                      {"overall": overall, "answers": clean, "comment": _text(comment, 500), "at": iso(db.clock.now())})
    return overall


def record_followup(db: Any, actor: Operator, *, person_id: str, outcome: str, on_day: date, note: str = "",
                    session_id: str | None = None) -> Followup:
    """What became of a trainee (opened a shop / employed / none) on a day. Raises
    ValidationError (outcome), NotFound (person; session they did not attend)."""
    if outcome not in OUTCOMES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown follow-up outcome {outcome}"), outcome=outcome)
    if not isinstance(on_day, date):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The follow-up needs a date"))
    with db.transaction():
        if not db.value("SELECT 1 FROM people WHERE id = ?", (person_id,)):
            raise NotFound(QT_TRANSLATE_NOOP("errors", "No such person"))
        if session_id and not db.value("SELECT 1 FROM training_signins WHERE session_id = ? AND person_id = ?",
                                       (session_id, person_id)):
            raise NotFound(QT_TRANSLATE_NOOP("errors", "This person has not signed in to this session"))
        day, text = on_day.isoformat(), _text(note, 500)
        payload = {"person_id": person_id, "session_id": session_id, "outcome": outcome, "on_day": day, "note": text}
        ev = events.record(db, actor.id, "training.followup_recorded", new_id(), payload)
    return Followup(ev.entity_id, PersonId(person_id), session_id, outcome, day, text)


def followups(db: Any, person_id: str) -> list[Followup]:
    return [Followup(r["id"], PersonId(r["person_id"]), r["session_id"], r["outcome"], r["on_day"], r["note"])
            for r in db.rows("SELECT * FROM training_followups WHERE person_id = ? ORDER BY seq", (person_id,))]


def evidence_dir(db: Any) -> Path:
    """Where photos are kept: beside the station file, so backups of the data folder carry them."""
    return Path(db.path).parent / EVIDENCE_DIR


def add_photo(db: Any, actor: Operator, session_id: str, *, source: str | Path, caption: str = "") -> Photo:
    """Copy an image file into the data folder as on-site evidence of the session.

    Raises NotFound (session, file), ValidationError (not an image, too large), Conflict (the
    same picture is already in this session's archive).
    """
    from PIL import Image, UnidentifiedImageError

    get_session(db, session_id)
    path = Path(source)
    if not path.is_file():
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No file at {path}"), path=str(path))
    if path.stat().st_size > MAX_PHOTO_BYTES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The photo is larger than 25 MB"))
    data = path.read_bytes()
    taken = None
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format or ""
            image.verify()
        with Image.open(io.BytesIO(data)) as image:  # verify() leaves the image unusable
            exif = image.getexif()
            taken = exif.get_ifd(0x8769).get(36867) or exif.get(306)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        kind = ""
    if kind not in PHOTO_TYPES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{name} is not a photo (JPEG or PNG)"), name=path.name)
    digest = hashlib.sha256(data).hexdigest()
    if db.value("SELECT 1 FROM training_photos WHERE session_id = ? AND sha256 = ?", (session_id, digest)):
        raise Conflict(QT_TRANSLATE_NOOP("errors", "This photo is already in the session's archive"))
    photo_id = new_id()
    relative = Path(EVIDENCE_DIR, "training", session_id, photo_id + PHOTO_TYPES[kind])
    target = Path(db.path).parent / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    payload = {"session_id": session_id, "file": relative.as_posix(), "sha256": digest, "bytes": len(data),
               "caption": _text(caption, 200), "original_name": path.name[:200],
               "taken_at": str(taken).strip()[:19] if taken else None}
    try:
        with db.transaction():
            get_session(db, session_id)
            events.record(db, actor.id, "training.photo_added", photo_id, payload)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return photos(db, session_id)[-1]


def photos(db: Any, session_id: str) -> list[Photo]:
    return [Photo(r["id"], r["session_id"], r["file"], r["sha256"], r["caption"], r["taken_at"], r["added_at"])
            for r in db.rows("SELECT * FROM training_photos WHERE session_id = ? ORDER BY seq", (session_id,))]


def photo_path(db: Any, photo: Photo) -> Path:
    return Path(db.path).parent / photo.file


# -- figures --------------------------------------------------------------------------


def _utc_bounds(start: date, end: date) -> tuple[str, str]:
    low = datetime.combine(start, time(0), SHANGHAI)
    high = datetime.combine(end + timedelta(days=1), time(0), SHANGHAI)
    return iso(low), iso(high)


def figures(db: Any, start: date, end: date) -> TrainingFigures:
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
    )


def year_figures(db: Any, year: int) -> TrainingFigures:
    return figures(db, date(year, 1, 1), date(year, 12, 31))


# -- appliers -------------------------------------------------------------------------


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


def _created(db: Any, ev: Event, source: str = "station") -> None:
    db.insert("training_sessions", {"id": ev.entity_id, **_session_row(ev.payload, ev.station_time), "source": source,
                                    "status": PLANNED, "created_at": ev.station_time, "updated_at": ev.station_time})


def _updated(db: Any, ev: Event) -> None:
    db.update("training_sessions", {"id": ev.entity_id}, {**_session_row(ev.payload, ev.station_time),
                                                          "updated_at": ev.station_time})


def _county_scheduled(db: Any, ev: Event) -> None:
    """The county's schedule is the truth for its sessions: a re-sent entry updates the details."""
    if db.value("SELECT 1 FROM training_sessions WHERE id = ?", (ev.entity_id,)):
        _updated(db, ev)
    else:
        _created(db, ev, "county")


def _started(db: Any, ev: Event) -> None:
    db.update("training_sessions", {"id": ev.entity_id}, {"status": RUNNING, "started_at": ev.payload["at"],
                                                          "started_by": ev.operator_id})


def _ended(db: Any, ev: Event) -> None:
    db.update("training_sessions", {"id": ev.entity_id}, {"status": ENDED, "ended_at": ev.payload["at"],
                                                          "ended_by": ev.operator_id})


def _signed_in(db: Any, ev: Event) -> None:
    p = ev.payload
    db.insert("training_signins", {"id": ev.entity_id, "seq": ev.seq, "session_id": p["session_id"],
                                   "person_id": p["person_id"], "method": p["method"], "category": p["category"],
                                   "poverty": int(p["poverty"]), "signed_in_at": p["at"], "signed_out_at": None,
                                   "operator_id": ev.operator_id})


def _signed_out(db: Any, ev: Event) -> None:
    db.update("training_signins", {"id": ev.entity_id}, {"signed_out_at": ev.payload["at"]})


def _sign_in_cancelled(db: Any, ev: Event) -> None:
    db.execute("DELETE FROM training_surveys WHERE signin_id = ?", (ev.entity_id,))
    db.execute("DELETE FROM training_signins WHERE id = ?", (ev.entity_id,))


def _survey(db: Any, ev: Event) -> None:
    p = ev.payload
    g = db.row("SELECT session_id, person_id FROM training_signins WHERE id = ?", (ev.entity_id,))
    db.execute(
        "INSERT INTO training_surveys (signin_id, session_id, person_id, overall, answers, comment, recorded_at,"
        " operator_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(signin_id) DO UPDATE SET overall = excluded.overall,"
        " answers = excluded.answers, comment = excluded.comment, recorded_at = excluded.recorded_at,"
        " operator_id = excluded.operator_id",
        (ev.entity_id, g["session_id"], g["person_id"], p["overall"], json.dumps(p["answers"], sort_keys=True),
         p["comment"], p["at"], ev.operator_id))


def _photo(db: Any, ev: Event) -> None:
    p = ev.payload
    db.insert("training_photos", {"id": ev.entity_id, "seq": ev.seq, "session_id": p["session_id"], "file": p["file"],
                                  "sha256": p["sha256"], "bytes": p["bytes"], "caption": p["caption"],
                                  "original_name": p["original_name"], "taken_at": p["taken_at"],
                                  "added_at": ev.station_time, "operator_id": ev.operator_id})


def _followup(db: Any, ev: Event) -> None:
    p = ev.payload
    db.insert("training_followups", {"id": ev.entity_id, "seq": ev.seq, "person_id": p["person_id"],
                                     "session_id": p["session_id"], "outcome": p["outcome"], "on_day": p["on_day"],
                                     "note": p["note"], "recorded_at": ev.station_time, "operator_id": ev.operator_id})


APPLY = {
    "training.session_created": _created,
    "training.session_updated": _updated,
    "training.session_started": _started,
    "training.session_ended": _ended,
    "training.signed_in": _signed_in,
    "training.signed_out": _signed_out,
    "training.sign_in_cancelled": _sign_in_cancelled,
    "training.survey_recorded": _survey,
    "training.photo_added": _photo,
    "training.followup_recorded": _followup,
    "county.training_scheduled": _county_scheduled,
}
