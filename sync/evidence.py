"""Evidence files for the county's subsidy audit (a training session's on-site photos: an
incomplete archive gets no subsidy): after the records that name them have reached the hub,
the files themselves follow (protocol: `sync.protocol`).

A file is named by its sha256, recorded in the event that added it, so an upload is
idempotent and an interrupted one is simply sent again next cycle. Which files the hub has
confirmed is this PC's own record: one `local_settings` key per file, valued with the
station id the hub confirmed it for (a station enrolled anew asks again). Local, because
the files are too: a file restored onto a new PC from the hub is not on its disk, and the
hub's answer "I have it" is all the station needs.

One round, inside a sync cycle (`sync.client`):
1. the files named by acked events of `EVIDENCE_KINDS` and not confirmed yet;
2. ask the hub which of them it lacks; the rest are confirmed at once;
3. send each lacking file, streamed from disk after checking it still hashes to its name,
   and confirm it when the hub answers.
A file gone from disk (or changed since it was recorded) is logged and counted, never fatal.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from station_app.db import StationDB
from sync import errors
from sync import protocol as p
from sync.link import HubLink, HubRefusal, Retry

log = logging.getLogger(__name__)

#: event kinds whose payload names an evidence file: {"sha256": ..., "file": path in the data folder}
#: (training photos; the parcel counter's photos, issue 22)
EVIDENCE_KINDS = ("training.photo_added", "parcel.photo_taken", "outbound.photo_added", "training.document_added")
CONFIRMED = "sync.evidence."  # local_settings key prefix, + sha256 -> the hub's station id
ASK = 500  # digests per question (the hub takes up to p.MAX_ASK)
SHA256 = re.compile(r"^[0-9a-f]{64}$")
CONTENT_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".bmp": "image/bmp",
                 ".webp": "image/webp", ".pdf": "application/pdf"}


@dataclass(frozen=True)
class EvidenceFile:
    sha256: str
    files: tuple[str, ...]  # where the events put it, relative to the data folder (one copy is enough)
    seq: int  # the first event that named it

    @property
    def file(self) -> str:
        return self.files[0]


@dataclass
class EvidenceRound:
    """What one round did: files sent, files the hub already had, and files it lacks that
    are not on this PC as they were recorded (relative paths; the operator must find them)."""

    uploaded: int = 0
    uploaded_bytes: int = 0
    confirmed: int = 0
    missing_on_disk: list[str] = field(default_factory=list)


def unconfirmed(db: StationDB, station_id: str, acked: int) -> list[EvidenceFile]:
    """Files named by events up to `acked` that the hub has not confirmed for `station_id`, oldest
    first (a counter photo pruned after the county's days is not looked for: it is gone on purpose)."""
    kinds = ",".join("?" * len(EVIDENCE_KINDS))
    rows = db.rows(
        "SELECT seq, json_extract(payload, '$.sha256') AS sha256, json_extract(payload, '$.file') AS file "
        f"FROM events WHERE kind IN ({kinds}) AND seq <= ? AND NOT EXISTS (SELECT 1 FROM local_settings "
        "WHERE key = ? || json_extract(events.payload, '$.sha256') AND value = ?) "
        "AND NOT EXISTS (SELECT 1 FROM parcel_photos x WHERE x.sha256 = json_extract(events.payload, '$.sha256') "
        "AND x.pruned_at IS NOT NULL) ORDER BY seq",
        (*EVIDENCE_KINDS, acked, CONFIRMED, station_id))
    out: dict[str, EvidenceFile] = {}
    for r in rows:
        digest, file = r["sha256"], r["file"]
        if not isinstance(digest, str) or not SHA256.match(digest) or not isinstance(file, str):
            log.warning("evidence: record %s names no usable file (%r); skipped", r["seq"], file)
            continue
        known = out.get(digest)  # the same picture in two sessions: either copy will do
        out[digest] = EvidenceFile(digest, (*known.files, file), known.seq) if known else EvidenceFile(
            digest, (file,), int(r["seq"]))
    return list(out.values())


def confirm(db: StationDB, station_id: str, digests: list[str]) -> None:
    """Note that the hub holds these files for `station_id` (one transaction)."""
    if digests:
        with db.transaction():
            for digest in digests:
                db.set_local(CONFIRMED + digest, station_id)


def confirmed_count(db: StationDB) -> int:
    return int(db.value("SELECT count(*) FROM local_settings WHERE key LIKE ?", (CONFIRMED + "%",), default=0))


def local_copy(db: StationDB, item: EvidenceFile) -> tuple[Path, int] | None:
    """(path, size) of a file on this PC that is still the recorded one, or None (each
    copy gone, unreadable, changed or outside the data folder: logged)."""
    folder = Path(db.path).parent.resolve()
    for file in item.files:
        path = (folder / file).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            log.warning("evidence: %s (record %s) is not on this PC; the county cannot see it until it is put back",
                        file, item.seq)
            continue
        try:
            digest, size = file_digest(path)
        except OSError as exc:
            log.warning("evidence: %s (record %s) cannot be read: %s", file, item.seq, exc)
            continue
        if digest == item.sha256 and size <= p.MAX_EVIDENCE:
            return path, size
        log.warning("evidence: %s (record %s) changed since it was recorded (sha256 %s, not %s); not sent",
                    file, item.seq, digest, item.sha256)
    return None


def file_digest(path: Path) -> tuple[str, int]:
    """(sha256, size) of the file, read in pieces. Raises OSError."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as f:
        while piece := f.read(1 << 20):
            digest.update(piece)
            size += len(piece)
    return digest.hexdigest(), size


def send_evidence(db: StationDB, link: HubLink, retry: Retry, station_id: str, acked: int) -> EvidenceRound:
    """One round (module docstring). Network errors are retried as `retry` allows, then raised
    (LinkDown): what was confirmed by then stays confirmed, the rest goes next cycle."""
    result = EvidenceRound()
    waiting = unconfirmed(db, station_id, acked)
    for start in range(0, len(waiting), ASK):
        retry.check()
        chunk = waiting[start:start + ASK]
        lacking = _lacking(link, retry, [f.sha256 for f in chunk])
        held = [f.sha256 for f in chunk if f.sha256 not in lacking]
        confirm(db, station_id, held)
        result.confirmed += len(held)
        for item in chunk:
            if item.sha256 in lacking:
                retry.check()
                _send_one(db, link, retry, station_id, item, result)
    if result.uploaded or result.missing_on_disk:
        log.info("evidence: %d files sent (%d bytes), %d the hub had, %d not on this PC", result.uploaded,
                 result.uploaded_bytes, result.confirmed, len(result.missing_on_disk))
    return result


def _send_one(db: StationDB, link: HubLink, retry: Retry, station_id: str, item: EvidenceFile,
              result: EvidenceRound) -> None:
    found = local_copy(db, item)
    if found is None:
        result.missing_on_disk.append(item.file)
        return
    path, size = found

    def put() -> dict[str, Any]:
        with path.open("rb") as f:  # opened again for every attempt: a retry sends it whole
            return link.call("PUT", f"/v1/evidence/{item.sha256}", ("sha256", "size", "hub_time"), raw_body=f,
                             content_type=CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream"))

    try:
        retry.run(put)
    except (HubRefusal, OSError) as exc:  # changed or gone while it was being sent
        log.warning("evidence: %s was not sent (%s)", path, getattr(exc, "code", None) or exc)
        result.missing_on_disk.append(item.file)
        return
    confirm(db, station_id, [item.sha256])
    result.uploaded += 1
    result.uploaded_bytes += size


def _lacking(link: HubLink, retry: Retry, digests: list[str]) -> set[str]:
    answer = retry.run(lambda: link.call("POST", "/v1/evidence/missing", ("missing", "hub_time"), json_body=digests))
    lacking = answer["missing"]
    if not isinstance(lacking, list) or not all(isinstance(d, str) for d in lacking):
        raise errors.no_answer("the hub's list of missing files arrived damaged")
    return set(lacking)
