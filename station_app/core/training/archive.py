"""What the county's subsidy audit would find missing in a session's archive.
"""

from __future__ import annotations

from station_app.core.training.sessions import ENDED, get_session
from station_app.db import Store
from station_app.i18n import QT_TRANSLATE_NOOP


def archive_gaps(db: Store, session_id: str) -> list[str]:
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
