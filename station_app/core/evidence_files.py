"""Evidence files the county's audit asks for (an e-waybill's photo, a training archive's
documents): checked, copied into the data folder beside the station file (backups of the folder
carry them) and named in the event that records them by their sha256, so the sync sends each
to the hub once (`sync.evidence`).

A webcam photo arrives as an image file like any other (`ui.camera_dialog` saves the frame).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from station_app.db import Store
from station_app.errors import NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP

MAX_BYTES = 25 * 1024 * 1024
IMAGE_TYPES = {"JPEG": ".jpg", "PNG": ".png", "BMP": ".bmp", "WEBP": ".webp"}
PDF = ".pdf"
EVIDENCE_DIR = "evidence"

TOO_LARGE = QT_TRANSLATE_NOOP("errors", "The file is larger than 25 MB")
NOT_EVIDENCE = QT_TRANSLATE_NOOP("errors", "{name} is neither a photo (JPEG, PNG) nor a PDF")
NOT_A_PHOTO = QT_TRANSLATE_NOOP("errors", "{name} is not a photo (JPEG or PNG)")


@dataclass(frozen=True)
class Kept:
    """A file copied into the data folder: where (relative, as events name it), its sha256 and size."""

    file: str
    sha256: str
    bytes: int
    original_name: str
    target: Path  # the copy, to remove if the action's transaction fails

    def payload(self) -> dict[str, object]:
        return {"file": self.file, "sha256": self.sha256, "bytes": self.bytes}


def _suffix(data: bytes, allow_pdf: bool) -> str | None:
    from PIL import Image, UnidentifiedImageError

    if allow_pdf and data.startswith(b"%PDF-"):
        return PDF
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format or ""
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    return IMAGE_TYPES.get(kind)


def read_evidence(source: str | Path, *, allow_pdf: bool) -> tuple[bytes, str, str]:
    """(bytes, suffix, original name) of a file fit to be evidence. Raises NotFound (no file),
    ValidationError (too large; not an image, or not an image or PDF)."""
    path = Path(source)
    if not path.is_file():
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No file at {path}"), path=str(path))
    if path.stat().st_size > MAX_BYTES:
        raise ValidationError(TOO_LARGE)
    data = path.read_bytes()
    suffix = _suffix(data, allow_pdf)
    if suffix is None:
        raise ValidationError(NOT_EVIDENCE if allow_pdf else NOT_A_PHOTO, name=path.name)
    return data, suffix, path.name[:200]


def keep(db: Store, source: str | Path, *, folder: str, name: str, allow_pdf: bool = False) -> Kept:
    """Check `source` and copy it to `evidence/<folder>/<name><suffix>` in the data folder.
    Raises as `read_evidence`. Call before the action's transaction; remove `target` if it fails."""
    data, suffix, original = read_evidence(source, allow_pdf=allow_pdf)
    relative = Path(EVIDENCE_DIR, folder, name + suffix)
    target = Path(db.path).parent / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return Kept(relative.as_posix(), hashlib.sha256(data).hexdigest(), len(data), original, target)


def path_of(db: Store, file: str) -> Path:
    """Where a recorded evidence file is on this PC."""
    return Path(db.path).parent / file
