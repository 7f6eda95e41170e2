"""A training session's archive as the county's rule set asks for it (石城: "档案不全，不予以补贴"):
each required document is an uploaded file (a webcam photo of the paper, a scan, a PDF), not a
line of text; the checklist says what is there and what is missing, and the archive is 齐全
only when every item is there, the session has sign-ins and it has ended.

The required kinds are the county setting `training.archive_rules` (the 石城 list by default);
`lecturer_credentials` is one item per lecturer of the session; `onsite_photos` is met by the
session's on-site photos (`training.evidence`) or documents of that kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from station_app.core import events, evidence_files, settings
from station_app.core.events import Event
from station_app.core.operators import Operator
from station_app.core.training.sessions import ENDED, _text, get_session
from station_app.db import Store
from station_app.errors import Conflict, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id

LECTURER_CREDENTIALS, ONSITE_PHOTOS = "lecturer_credentials", "onsite_photos"
#: every kind of archive document, in the order the 石城 rule lists them
KINDS: dict[str, str] = {
    "agreement": QT_TRANSLATE_NOOP("training", "Commissioning agreement or task document"),
    "org_licence": QT_TRANSLATE_NOOP("training", "Training organisation's licence and qualifications"),
    LECTURER_CREDENTIALS: QT_TRANSLATE_NOOP("training", "Lecturer's profile and credentials"),
    "plan": QT_TRANSLATE_NOOP("training", "Training plan"),
    "syllabus": QT_TRANSLATE_NOOP("training", "Syllabus"),
    "materials": QT_TRANSLATE_NOOP("training", "Training materials"),
    "signed_roster": QT_TRANSLATE_NOOP("training", "Signed roster"),
    ONSITE_PHOTOS: QT_TRANSLATE_NOOP("training", "On-site photos"),
}
SIGN_INS = QT_TRANSLATE_NOOP("training", "sign-ins")
SESSION_ENDED = QT_TRANSLATE_NOOP("training", "session ended")


@dataclass(frozen=True)
class Document:
    id: str
    session_id: str
    kind: str
    lecturer: str
    file: str
    sha256: str
    original_name: str
    added_at: str


@dataclass(frozen=True)
class ChecklistItem:
    kind: str
    label: str  # English source, context "training"
    lecturer: str  # the lecturer this item is for ("" for the others)
    files: tuple[str, ...]  # sha256 of the files that meet it

    @property
    def present(self) -> bool:
        return bool(self.files)


def required_kinds(db: Store) -> list[str]:
    """The county's rule set: the kinds every archive must hold, in the order of `KINDS`."""
    wanted = {k.strip() for k in str(settings.get(db, "training.archive_rules") or "").split(",")}
    return [k for k in KINDS if k in wanted]


def add_document(db: Store, actor: Operator, session_id: str, *, kind: str, source: str | Path,
                 lecturer: str = "") -> Document:
    """Keep a file (photo or PDF) as one of the session's archive documents. `lecturer` names
    the lecturer a credentials document is for. Raises NotFound (session, file), ValidationError
    (kind, lecturer, not a photo or PDF, too large), Conflict (the same file is already there)."""
    if kind not in KINDS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown archive document {kind}"), kind=kind)
    session = get_session(db, session_id)
    who = _text(lecturer, 30)
    if kind == LECTURER_CREDENTIALS and who not in {lec.name for lec in session.lecturers}:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose which of the session's lecturers this is for"))
    doc_id = new_id()
    kept = evidence_files.keep(db, source, folder=f"training/{session_id}", name=doc_id, allow_pdf=True)
    try:
        with db.transaction():
            get_session(db, session_id)
            if db.value("SELECT 1 FROM training_documents WHERE session_id = ? AND sha256 = ? AND kind = ? "
                        "AND lecturer = ?", (session_id, kept.sha256, kind, who if kind == LECTURER_CREDENTIALS else "")):
                raise Conflict(QT_TRANSLATE_NOOP("errors", "This file is already in the session's archive"))
            events.record(db, actor.id, "training.document_added", doc_id, {
                "session_id": session_id, "kind": kind, "lecturer": who if kind == LECTURER_CREDENTIALS else "",
                **kept.payload(), "original_name": kept.original_name}, appliers=APPLY)
    except BaseException:
        kept.target.unlink(missing_ok=True)
        raise
    return documents(db, session_id)[-1]


def documents(db: Store, session_id: str) -> list[Document]:
    return [Document(r["id"], r["session_id"], r["kind"], r["lecturer"], r["file"], r["sha256"], r["original_name"],
                     r["added_at"])
            for r in db.rows("SELECT * FROM training_documents WHERE session_id = ? ORDER BY seq", (session_id,))]


def checklist(db: Store, session_id: str) -> list[ChecklistItem]:
    """Every document the county's rule set asks of this session, with the files that meet it."""
    session = get_session(db, session_id)
    docs = documents(db, session_id)
    photos = tuple(r["sha256"] for r in db.rows("SELECT sha256 FROM training_photos WHERE session_id = ? ORDER BY seq",
                                               (session_id,)))
    items = []
    for kind in required_kinds(db):
        files = tuple(d.sha256 for d in docs if d.kind == kind)
        if kind == LECTURER_CREDENTIALS:
            for lec in session.lecturers or ():
                items.append(ChecklistItem(kind, KINDS[kind], lec.name,
                                           tuple(d.sha256 for d in docs if d.kind == kind and d.lecturer == lec.name)))
            if not session.lecturers:
                items.append(ChecklistItem(kind, KINDS[kind], "", ()))
            continue
        if kind == ONSITE_PHOTOS:
            files = photos + files
        items.append(ChecklistItem(kind, KINDS[kind], "", files))
    return items


def missing(db: Store, session_id: str) -> list[str]:
    """What keeps the archive from being 齐全 (English sources, context "training", each once):
    documents missing, no sign-ins, not ended. Empty: 齐全."""
    session = get_session(db, session_id)
    out = list(dict.fromkeys(item.label for item in checklist(db, session_id) if not item.present))
    if not session.signed_in:
        out.append(SIGN_INS)
    if session.status != ENDED:
        out.append(SESSION_ENDED)
    return out


def _document(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("training_documents", {"id": ev.entity_id, "seq": ev.seq, "session_id": p["session_id"], "kind": p["kind"],
                                     "lecturer": p["lecturer"], "file": p["file"], "sha256": p["sha256"],
                                     "bytes": p["bytes"], "original_name": p["original_name"],
                                     "added_at": ev.station_time, "operator_id": ev.operator_id})


APPLY = {"training.document_added": _document}
