"""Training (培训签到): sessions, sign-ins, satisfaction surveys, photos and follow-ups.

The county pays training subsidies only on a complete archive per session (trainer and
lecturers with credentials, syllabus, time and place, a roster of sign-ins, on-site
photos) and counts person-times (人次: one sign-in of one person to one session) toward
its target. Auditors phone trainees at random, so sign-ins name real registry people.

A session is created at the station (`create_session`) or arrives from the county
schedule (hub event `county.training_scheduled`). It is started before anyone signs in
and ended afterwards; sign-ins are refused before the start and after the end.
Rosters (PDF, xlsx) are in `core.rosters`; figures for reports are `figures()`.

Where things live: `sessions` (sessions, county schedule), `cards` (QR sign-in cards),
`signins` (sign-in, roster), `surveys` (surveys, follow-ups), `evidence` (photos),
`documents` (the archive's documents and checklist), `archive` (audit gaps), `training_figures` (figures). Every public name is re-exported
here, so callers keep using `training.X`.
"""

from __future__ import annotations

from station_app.core.training import documents, evidence, sessions, signins, surveys
from station_app.core.training.archive import archive_gaps
from station_app.core.training.cards import TrainingCard, card_payload, parse_card, training_card
from station_app.core.training.documents import KINDS as DOCUMENT_KINDS
from station_app.core.training.documents import ChecklistItem, Document, add_document, checklist
from station_app.core.training.evidence import (
    EVIDENCE_DIR,
    MAX_PHOTO_BYTES,
    PHOTO_TYPES,
    Photo,
    add_photo,
    evidence_dir,
    photo_path,
    photos,
)
from station_app.core.training.sessions import (
    CATEGORIES,
    ENDED,
    MAX_CAPACITY,
    PLANNED,
    RUNNING,
    STATUSES,
    Lecturer,
    Session,
    create_session,
    end_session,
    get_session,
    list_sessions,
    start_session,
    update_session,
)
from station_app.core.training.signins import (
    METHODS,
    Attendee,
    SignIn,
    attendees,
    cancel_sign_in,
    register_and_sign_in,
    sign_in,
    sign_in_by_card,
    sign_in_by_code,
    sign_in_by_phone,
    sign_out,
)
from station_app.core.training.surveys import (
    OUTCOMES,
    QUESTIONS,
    SATISFIED_FROM,
    Followup,
    followups,
    record_followup,
    record_survey,
)
from station_app.core.training.training_figures import TrainingFigures, figures, year_figures

#: every event kind of training, merged from the modules that write them
APPLY = {**sessions.APPLY, **signins.APPLY, **surveys.APPLY, **evidence.APPLY, **documents.APPLY}

__all__ = [
    "APPLY",
    "CATEGORIES",
    "DOCUMENT_KINDS",
    "ENDED",
    "EVIDENCE_DIR",
    "MAX_CAPACITY",
    "MAX_PHOTO_BYTES",
    "METHODS",
    "OUTCOMES",
    "PHOTO_TYPES",
    "PLANNED",
    "QUESTIONS",
    "RUNNING",
    "SATISFIED_FROM",
    "STATUSES",
    "Attendee",
    "ChecklistItem",
    "Document",
    "Followup",
    "Lecturer",
    "Photo",
    "Session",
    "SignIn",
    "TrainingCard",
    "TrainingFigures",
    "add_document",
    "add_photo",
    "archive_gaps",
    "attendees",
    "cancel_sign_in",
    "card_payload",
    "checklist",
    "create_session",
    "end_session",
    "evidence_dir",
    "figures",
    "followups",
    "get_session",
    "list_sessions",
    "parse_card",
    "photo_path",
    "photos",
    "record_followup",
    "record_survey",
    "register_and_sign_in",
    "sign_in",
    "sign_in_by_card",
    "sign_in_by_code",
    "sign_in_by_phone",
    "sign_out",
    "start_session",
    "training_card",
    "update_session",
    "year_figures",
]
