"""What the county's subsidy audit would find missing in a session's archive: the documents its
rule set asks for (`training.documents`), sign-ins, the session ended, and satisfaction surveys.
"""

from __future__ import annotations

from station_app.core.training import documents
from station_app.db import Store
from station_app.i18n import QT_TRANSLATE_NOOP


def archive_gaps(db: Store, session_id: str) -> list[str]:
    """What the county's subsidy audit would find missing in this session's archive
    (English source strings in context "training"); empty when complete (齐全)."""
    gaps = documents.missing(db, session_id)
    signed_in = db.value("SELECT 1 FROM training_signins WHERE session_id = ? LIMIT 1", (session_id,))
    if signed_in and not db.value("SELECT 1 FROM training_surveys WHERE session_id = ? LIMIT 1", (session_id,)):
        gaps.append(QT_TRANSLATE_NOOP("training", "satisfaction surveys"))
    return gaps
