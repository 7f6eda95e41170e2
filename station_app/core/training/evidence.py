"""On-site photos of a session, kept beside the station file as evidence for the county's audit.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from station_app.core import events
from station_app.core.events import Event
from station_app.core.operators import Operator
from station_app.core.training.sessions import _text, get_session
from station_app.db import Store
from station_app.errors import Conflict, NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id

MAX_PHOTO_BYTES = 25 * 1024 * 1024
PHOTO_TYPES = {"JPEG": ".jpg", "PNG": ".png", "BMP": ".bmp", "WEBP": ".webp"}
EVIDENCE_DIR = "evidence"


@dataclass(frozen=True)
class Photo:
    id: str
    session_id: str
    file: str
    sha256: str
    caption: str
    taken_at: str | None
    added_at: str


def evidence_dir(db: Store) -> Path:
    """Where photos are kept: beside the station file, so backups of the data folder carry them."""
    return Path(db.path).parent / EVIDENCE_DIR


def add_photo(db: Store, actor: Operator, session_id: str, *, source: str | Path, caption: str = "") -> Photo:
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
            events.record(db, actor.id, "training.photo_added", photo_id, payload, appliers=APPLY)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return photos(db, session_id)[-1]


def photos(db: Store, session_id: str) -> list[Photo]:
    return [Photo(r["id"], r["session_id"], r["file"], r["sha256"], r["caption"], r["taken_at"], r["added_at"])
            for r in db.rows("SELECT * FROM training_photos WHERE session_id = ? ORDER BY seq", (session_id,))]


def photo_path(db: Store, photo: Photo) -> Path:
    return Path(db.path).parent / photo.file


def _photo(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("training_photos", {"id": ev.entity_id, "seq": ev.seq, "session_id": p["session_id"], "file": p["file"],
                                  "sha256": p["sha256"], "bytes": p["bytes"], "caption": p["caption"],
                                  "original_name": p["original_name"], "taken_at": p["taken_at"],
                                  "added_at": ev.station_time, "operator_id": ev.operator_id})


APPLY = {
    "training.photo_added": _photo,
}
