"""Photos taken at the parcel counter (高拍仪 / webcam), kept as evidence for disputes: the parcel
as it arrived (`check_in`) and the person who collected it (`hand_over`).

A photo is optional and taken by the operator; it is kept beside the station file (like the
training photos: `evidence/parcels/...`), named in its event by sha256 and sent to the county
hub after the event (`sync.evidence`). The county decides how long they are kept
(`parcels.photo_keep_days`): `prune_photos` deletes older ones from this PC and records that it
did (`parcel.photos_pruned`), so the record says the photo is gone, not lost.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from station_app.clock import iso, parse_iso
from station_app.core import events, settings
from station_app.core.events import SYSTEM, Event
from station_app.core.operators import Operator
from station_app.core.sync_state import STATION_ID
from station_app.db import Store
from station_app.errors import NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id

CHECK_IN, HAND_OVER = "check_in", "hand_over"
MOMENTS = {
    CHECK_IN: QT_TRANSLATE_NOOP("parcels", "The parcel at check-in"),
    HAND_OVER: QT_TRANSLATE_NOOP("parcels", "The collector at hand-over"),
}
MAX_PHOTO_BYTES = 10 * 1024 * 1024
TYPES = {"JPEG": ".jpg", "PNG": ".png"}
FOLDER = ("evidence", "parcels")
#: local_settings key prefix + sha256 -> the hub's station id: the hub holds that file
#: (written by `sync.evidence`, whose CONFIRMED is this)
CONFIRMED = "sync.evidence."


@dataclass(frozen=True)
class ParcelPhoto:
    id: str
    parcel_id: str
    moment: str
    file: str  # relative to the data folder
    sha256: str
    taken_at: str
    pruned_at: str | None

    @property
    def kept(self) -> bool:
        return self.pruned_at is None


def photo_path(db: Store, photo: ParcelPhoto) -> Path:
    return Path(db.path).parent / photo.file


def photos_of(db: Store, parcel_id: str) -> list[ParcelPhoto]:
    """A parcel's counter photos, oldest first (pruned ones too: the record says they are gone)."""
    return [ParcelPhoto(r["id"], r["parcel_id"], r["moment"], r["file"], r["sha256"], r["taken_at"], r["pruned_at"])
            for r in db.rows("SELECT * FROM parcel_photos WHERE parcel_id = ? ORDER BY seq", (parcel_id,))]


def _image_kind(data: bytes) -> str:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format or ""
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return ""
    return kind


def add_photo(db: Store, actor: Operator, parcel_id: str, *, moment: str, image: bytes) -> ParcelPhoto:
    """Keep a counter photo (JPEG or PNG bytes, as the camera took it) of a parcel.
    Raises NotFound (parcel) or ValidationError (moment, not a photo, too large)."""
    if moment not in MOMENTS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown photo moment {moment}"), moment=moment)
    if not image or len(image) > MAX_PHOTO_BYTES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The photo is empty or larger than 10 MB"))
    kind = _image_kind(image)
    if kind not in TYPES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The camera gave no photo (JPEG or PNG)"))
    if not db.value("SELECT 1 FROM parcels WHERE id = ?", (parcel_id,)):
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such parcel"))
    photo_id, now = new_id(), db.clock.now()
    relative = Path(*FOLDER, now.strftime("%Y-%m"), photo_id + TYPES[kind])
    target = Path(db.path).parent / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(image)
    payload = {"parcel_id": parcel_id, "moment": moment, "file": relative.as_posix(),
               "sha256": hashlib.sha256(image).hexdigest(), "bytes": len(image), "at": iso(now)}
    try:
        with db.transaction():
            if not db.value("SELECT 1 FROM parcels WHERE id = ?", (parcel_id,)):
                raise NotFound(QT_TRANSLATE_NOOP("errors", "No such parcel"))
            events.record(db, actor.id, "parcel.photo_taken", photo_id, payload, appliers=APPLY)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return photos_of(db, parcel_id)[-1]


def prune_photos(db: Store) -> int:
    """Delete the counter photos older than the county keeps them (`parcels.photo_keep_days`)
    from this PC, and record which (one event, by the program). Returns how many. A station
    joined to a county deletes only the photos the hub has confirmed it holds: one that has not
    reached the county yet (a long time offline) stays until it has."""
    keep = int(settings.get(db, "parcels.photo_keep_days"))
    now = db.clock.now()
    before = iso(now - timedelta(days=keep))
    station_id = db.local(STATION_ID)
    with db.transaction():
        old = db.rows("SELECT id, file FROM parcel_photos p WHERE pruned_at IS NULL AND taken_at < ? "
                      "AND (? IS NULL OR EXISTS (SELECT 1 FROM local_settings WHERE key = ? || p.sha256 "
                      "AND value = ?)) ORDER BY seq", (before, station_id, CONFIRMED, station_id))
        if not old:
            return 0
        events.record(db, SYSTEM, "parcel.photos_pruned", new_id(),
                      {"ids": [r["id"] for r in old], "before": before, "at": iso(now)}, appliers=APPLY)
    folder = Path(db.path).parent.resolve()
    for r in old:  # after the record is safe: a file left behind by a crash is pruned by hand, never a lie
        path = (folder / r["file"]).resolve()
        if path.is_relative_to(folder):
            path.unlink(missing_ok=True)
    return len(old)


def pruned_digests(db: Store) -> set[str]:
    """The sha256 of the photos pruned here (the evidence round does not look for them)."""
    return {r["sha256"] for r in db.rows("SELECT sha256 FROM parcel_photos WHERE pruned_at IS NOT NULL")}


def age_days(taken_at: str, now_iso: str) -> int:
    return max(0, (parse_iso(now_iso) - parse_iso(taken_at)).days)


def _taken(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("parcel_photos", {"id": ev.entity_id, "seq": ev.seq, "parcel_id": p["parcel_id"], "moment": p["moment"],
                                "file": p["file"], "sha256": p["sha256"], "bytes": p["bytes"], "taken_at": p["at"],
                                "operator_id": ev.operator_id})


def _pruned(db: Store, ev: Event) -> None:
    for photo_id in ev.payload["ids"]:
        db.execute("UPDATE parcel_photos SET pruned_at = ? WHERE id = ? AND pruned_at IS NULL",
                   (ev.payload["at"], photo_id))


APPLY = {"parcel.photo_taken": _taken, "parcel.photos_pruned": _pruned}
