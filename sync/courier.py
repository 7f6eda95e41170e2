"""The courier's USB stick at the station: sync with no link at all (DESIGN §6, "Sync without a
link"). The county's courier van visits villages the network never reaches; its stick carries
the station's records to the county hub and the county's answer back, with the guarantees of
HTTP sync.

- `plan_bundle` / `write_bundle` (同步到U盘, `station-app sync --to DIR`): a bundle for the hub
  (`sync.bundle`) with the events above what the hub is known to hold, in the bodies an HTTP
  push sends (`client.push_body`), the evidence files the hub has not confirmed, and the
  station's cursor of county data. Its size is known before a byte is written; when the stick
  cannot take it all, the oldest records go first and the rest next time. The station's own
  earlier bundles on the stick are replaced (the new one starts where the hub's ack does).
- `import_from` (从U盘导入, `station-app sync --from DIR`): the return bundles the hub wrote for
  this station, oldest first; each is checked whole (signed by the county, sealed for this
  station) before anything is applied, and applied as a pull is (`client.apply_changes`: the
  changes with their cursor in one transaction), then the hub's ack, the files it holds and the
  reconcile of the days the bundle carried. Bundles for other stations are left alone.

Whatever arrives first, HTTP or stick, wins: the other finds nothing new (the hub ingests by
seq and hash, the station applies county changes by hub_seq).
"""

from __future__ import annotations

import contextlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from station_app.clock import iso
from station_app.core import events as ev_mod
from station_app.core import sync_state as state
from station_app.db import StationDB
from station_app.errors import UserError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from station_app.ids import new_id
from sync import bundle, client, errors, evidence
from sync import protocol as p
from sync.bundle import BundleError, Part, Sealed
from sync.lock import SyncLock

BATCH = 2000  # events per push body in a bundle: the sync client's largest batch, which every hub takes
RESERVE = 64 * 1024  # bytes left free on the stick for the file system's own needs
RESEND_FROM = "sync.resend_from"  # local_settings: a reconcile by stick found days to send again from this seq

NO_KEYS = QT_TRANSLATE_NOOP(
    "errors", "This station's keys for USB-stick sync are not registered with the county hub yet: sync once over "
              "the network (or enroll again with a code from the county office), then the stick can be used.")
AHEAD = QT_TRANSLATE_NOOP(
    "errors", "The county holds {acked} records of this station but this file has only {head}: it is an old copy. "
              "Nothing was changed. Sync once over the network or call the county office.")
RETURN_GAP = QT_TRANSLATE_NOOP(
    "errors", "{name} continues county data this station never received (an earlier return bundle is missing, or "
              "this file was restored from a backup): nothing in it was applied. Write a new bundle for the county.")


@dataclass
class StickPlan:
    """A bundle for the hub, planned: everything known before a byte is written."""

    folder: Path
    path: Path
    head: bytes
    parts: list[Part]
    size: int  # bytes of the file
    free: int  # bytes free on the stick (counting the station's older bundles it replaces)
    events: int  # records in the bundle
    first_seq: int
    last_seq: int
    waiting: int  # records the hub is not known to hold (all that should go)
    files: int  # evidence files in the bundle
    files_waiting: int  # evidence files the hub has not confirmed and this PC has
    files_missing: list[str] = field(default_factory=list)  # files the hub lacks that are not on this PC
    replaces: list[Path] = field(default_factory=list)  # this station's older bundles on the stick

    @property
    def complete(self) -> bool:
        """Everything waiting fits (else the oldest went first and the rest waits for next time)."""
        return self.events == self.waiting and self.files == self.files_waiting

    def as_json(self) -> dict[str, Any]:
        return {"file": str(self.path), "bytes": self.size, "free": self.free, "records": self.events,
                "first_seq": self.first_seq, "last_seq": self.last_seq, "waiting": self.waiting,
                "files": self.files, "files_waiting": self.files_waiting, "complete": self.complete,
                "files_missing": self.files_missing}


@dataclass
class StickImport:
    """What importing a stick's return bundles did."""

    imported: int = 0  # return bundles applied
    changes: int = 0  # county changes applied
    acked_seq: int = 0  # records the county holds now, as far as this station knows
    heard_at: str | None = None  # when the county took this station's records (hub time)
    others: int = 0  # bundles on the stick for other stations (left alone)
    replayed: int = 0  # return bundles applied before (or older than one applied): nothing changed
    problems: list[str] = field(default_factory=list)  # bundles not applied, each in words a person can act on
    refused: str | None = None  # the county refused this station's records: a person must act
    kinds: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"imported": self.imported, "changes": self.changes, "acked_seq": self.acked_seq,
                "heard_at": self.heard_at, "others": self.others, "replayed": self.replayed,
                "problems": self.problems, "refused": self.refused}


@dataclass(frozen=True)
class _Keys:
    station_id: str
    mine: bundle.KeyPair
    county: bundle.PublicKeys


def _keys(db: StationDB) -> _Keys:
    """This station's id, keys and the county's. Raises Refused: not enrolled, or keys the hub
    has not registered."""
    station_id = db.local(state.STATION_ID)
    if not station_id:
        raise errors.refused("not_enrolled")
    mine = client.station_keys(db)
    county = state.county_key(db)
    if mine is None or county is None or state.bundle_key_registered(db) != mine.public.fingerprint:
        raise errors.Refused(NO_KEYS, code="no_bundle_key")
    return _Keys(station_id, mine, bundle.PublicKeys.from_json(county))


# -- to the county -----------------------------------------------------------------------------


def plan_bundle(db: StationDB, folder: Path) -> StickPlan:
    """The bundle `write_bundle` would write into `folder` now, with its exact size. Raises
    Refused (not enrolled, keys not registered) or BundleError (no folder; stick_full when not
    even the oldest records fit)."""
    keys = _keys(db)
    if not folder.is_dir():
        raise BundleError("no_folder", folder=str(folder))
    replaces = bundle.bundles_of(folder, keys.station_id, bundle.TO_HUB)
    free = bundle.free_space(folder) + sum(_size(f) for f in replaces)
    acked = state.acked_seq(db)
    start = min(acked + 1, state.local_int(db, RESEND_FROM) or acked + 1)
    head = state.mark_sent_out_head(db)  # from now on the station's own modem leaves these records' notices alone
    instance = str(db.value("SELECT value FROM meta WHERE key = 'instance_id'") or "")
    made_at = iso(db.clock.now())
    header = {"kind": bundle.TO_HUB, "county": keys.county.fingerprint, "station": keys.station_id,
              "signer": keys.mine.public.fingerprint, "bundle": new_id(), "made_at": made_at}
    bodies: list[_Body] = []
    seq = start - 1
    while seq < head:
        batch = ev_mod.events_after(db, seq, min(BATCH, head - seq))  # nothing past the head marked sent out
        bodies.append(_Body(Part(bundle.BODY, client.push_body(db, batch, instance)), batch[0].seq, batch[-1].seq))
        seq = batch[-1].seq
    files, missing = _evidence(db, keys.station_id, head)
    asked = sorted({f.item.sha256 for f in files} | {m.sha256 for m in missing})
    manifest = {"station": keys.station_id, "instance": instance, "head": head, "acked": acked,
                "head_hash": client._hash_at(db, head), "cursor": state.local_int(db, state.CURSOR),
                "asked": asked, "made_at": made_at}

    def sealed(chosen: list[_Body], carried: list[_File]) -> tuple[int, bytes, list[Part]]:
        first, last = (chosen[0].first, chosen[-1].last) if chosen else (0, 0)
        parts = [bundle.manifest_part({**manifest, "first_seq": first, "last_seq": last, "batches": len(chosen),
                                       "days": _days(db, first or acked, last or acked)}),
                 *(b.part for b in chosen), *(Part.evidence(f.path, f.size, f.item.sha256) for f in carried)]
        head_bytes = bundle.header_bytes({**header, "first_seq": first, "last_seq": last,
                                          "events": last - first + 1 if chosen else 0, "files": len(carried)}, parts)
        return bundle.sealed_size(head_bytes), head_bytes, parts

    budget = free - RESERVE
    chosen: list[_Body] = []
    for body in bodies:  # the oldest records first, whole bodies, in order
        if sealed([*chosen, body], [])[0] > budget:
            break
        chosen.append(body)
    if bodies and not chosen:
        raise BundleError("stick_full", folder=str(folder), need=bundle.show_size(sealed(bodies[:1], [])[0] + RESERVE),
                          free=bundle.show_size(max(0, free)))
    held_by_then = chosen[-1].last if chosen else acked
    carried: list[_File] = []
    for item in files:  # files named by records the hub will hold, oldest first; one too big waits
        if item.item.seq <= max(held_by_then, acked) and sealed(chosen, [*carried, item])[0] <= budget:
            carried.append(item)
    size, head_bytes, parts = sealed(chosen, carried)
    if size > budget:
        raise BundleError("stick_full", folder=str(folder), need=bundle.show_size(size + RESERVE),
                          free=bundle.show_size(max(0, free)))
    first, last = (chosen[0].first, chosen[-1].last) if chosen else (0, 0)
    return StickPlan(folder, folder / bundle.bundle_name(bundle.TO_HUB, keys.station_id, made_at), head_bytes, parts,
                     size, free, last - first + 1 if chosen else 0, first, last, max(0, head - start + 1),
                     len(carried), len(files), [m.file for m in missing], replaces)


@dataclass(frozen=True)
class _Body:
    part: Part
    first: int
    last: int


@dataclass(frozen=True)
class _File:
    item: evidence.EvidenceFile
    path: Path
    size: int


def _evidence(db: StationDB, station_id: str, head: int) -> tuple[list[_File], list[evidence.EvidenceFile]]:
    """The evidence files the hub has not confirmed: (those on this PC, the others)."""
    on_disk, missing = [], []
    for item in evidence.unconfirmed(db, station_id, head):
        found = evidence.local_copy(db, item)
        if found is None:
            missing.append(item)
        else:
            on_disk.append(_File(item, *found))
    return on_disk, missing


def _days(db: StationDB, first: int, last: int) -> list[str] | None:
    """The Shanghai days of records first..last, for the hub's reconcile answer."""
    if not first or not last:
        return None
    return [client._day(db, first), client._day(db, last)]


def write_bundle(db: StationDB, plan: StickPlan) -> Path:
    """Write the planned bundle: the station's older bundles on the stick go first (the new one
    holds what they held, from the hub's ack on), then the new one, atomically. Raises
    BundleError (stick_full, stick_gone); the station's records are untouched either way."""
    keys = _keys(db)
    try:
        with SyncLock(db.path):  # not while an HTTP sync (or another stick) works on this file
            for old in plan.replaces:
                with contextlib.suppress(OSError):
                    old.unlink()
            bundle.write_atomically(plan.path, lambda out: bundle.seal(out, plan.head, plan.parts, keys.mine,
                                                                       keys.county))
    except BundleError as exc:
        if exc.code == "stick_full":
            raise BundleError("stick_full", folder=str(plan.folder), need=bundle.show_size(plan.size),
                              free=bundle.show_size(bundle.free_space(plan.folder))) from None
        raise
    except ValueError:  # a photo changed while it was copied: plan again
        raise BundleError("stick_gone", folder=str(plan.folder), detail="a file changed while it was written") from None
    return plan.path


def write_to(db: StationDB, folder: Path) -> StickPlan:
    """Plan and write the bundle in one go (the command line); returns the plan it wrote."""
    plan = plan_bundle(db, folder)
    write_bundle(db, plan)
    return plan


# -- back from the county ------------------------------------------------------------------------


def import_from(db: StationDB, folder: Path) -> StickImport:
    """Apply the return bundles for this station on the stick, oldest first (see the module).
    A bundle that cannot be applied is reported in `problems` and changes nothing; bundles for
    other stations are counted and left alone. Raises Refused (not enrolled, keys) or
    BundleError (no folder)."""
    keys = _keys(db)
    with SyncLock(db.path):  # not while an HTTP sync (or another stick) works on this file
        return _import_from(db, folder, keys)


def _import_from(db: StationDB, folder: Path, keys: _Keys) -> StickImport:
    result = StickImport(acked_seq=state.acked_seq(db))
    mine: list[Sealed] = []
    for path in bundle.bundles_in(folder):
        try:
            sealed = bundle.peek(path)
        except BundleError as exc:
            if path.name.startswith(keys.station_id) and path.name.endswith(f"to-station{bundle.SUFFIX}"):
                result.problems.append(str(exc))
            continue
        if sealed.kind != bundle.TO_STATION:
            continue
        if sealed.station != keys.station_id:
            result.others += 1
        elif sealed.county != keys.county.fingerprint:
            result.problems.append(str(BundleError("other_county", name=sealed.name)))
        else:
            mine.append(sealed)
    for sealed in sorted(mine, key=lambda s: (s.made_at, s.name)):
        try:
            _apply_return(db, sealed, keys, result)
        except errors.Refused as exc:  # a fork, an old copy: loud, as a refused HTTP sync is
            state.save_failure(db, exc.text, exc.params, refused=True)
            result.refused = str(exc)
            continue
        except UserError as exc:
            result.problems.append(str(exc))
            continue
        result.imported += 1
        with contextlib.suppress(OSError):
            sealed.path.unlink()  # applied: the stick's room is for the next trip
    result.acked_seq = state.acked_seq(db)
    result.heard_at, _ = state.last_heard(db)
    for old in bundle.bundles_of(folder, keys.station_id, bundle.TO_HUB):
        with contextlib.suppress(BundleError, OSError):
            if 0 < int(bundle.peek(old).header.get("last_seq") or 0) <= result.acked_seq:
                old.unlink()  # the county holds all it carried
    return result


def _apply_return(db: StationDB, sealed: Sealed, keys: _Keys, result: StickImport) -> None:
    with bundle.opened(sealed, keys.county, keys.mine) as frames:
        first = next(frames, None)
        if first is None:
            raise BundleError("damaged", name=sealed.name)
        manifest = bundle.read_manifest(*first, sealed.name)
        pages = []
        for kind, payload in frames:
            if kind != bundle.CHANGES:
                raise BundleError("damaged", name=sealed.name)
            try:
                pages.append(p.unpack(payload))
            except (p.Malformed, p.TooLarge):
                raise BundleError("damaged", name=sealed.name) from None
    try:
        station, acked, hash_at = str(manifest["station"]), int(manifest["acked_seq"]), str(manifest["head_hash"])
        after, upto, hub_time = int(manifest["after"]), int(manifest["next"]), str(manifest["hub_time"])
        held = [d for d in manifest.get("held", []) if isinstance(d, str) and evidence.SHA256.match(d)]
        changes = [c for page in pages for c in client.changes_of(page)]
    except (KeyError, TypeError, ValueError, errors.LinkDown):
        raise BundleError("damaged", name=sealed.name) from None
    if station != keys.station_id:
        raise BundleError("other_station", name=sealed.name, station=station)
    head = ev_mod.last_seq(db)
    if acked > head:
        raise errors.Refused(AHEAD, code="ahead", acked=acked, head=head)
    if client._hash_at(db, acked) != hash_at:
        raise errors.refused(p.FORK, seq=acked)
    cursor = state.local_int(db, state.CURSOR)
    if after > cursor:
        raise errors.Refused(RETURN_GAP, code="return_gap", name=sealed.name)
    new = [c for c in changes if c.hub_seq > cursor]
    result.kinds += client.apply_changes(db, new, max(cursor, upto))
    result.changes += len(new)
    newer = hub_time > (db.local(state.RETURN_AT) or "")
    if not newer and not new and acked <= state.acked_seq(db):
        result.replayed += 1
    refusal = manifest.get("refused") if isinstance(manifest.get("refused"), dict) else None
    if acked > state.acked_seq(db) or (newer and refusal and refusal.get("code") == p.GAP):
        state.save_ack(db, acked)
    evidence.confirm(db, keys.station_id, held)
    if newer:
        _save_return(db, hub_time, refusal, manifest.get("reconcile"))
    if refusal and refusal.get("code") != p.GAP and newer:
        error = errors.refused(str(refusal.get("code", "malformed")), seq=refusal.get("seq", "?"),
                               detail=str(refusal.get("message", ""))[:200])
        state.save_failure(db, error.text, error.params, refused=True)
        result.refused = str(error)
    state.save_heard(db, str(manifest.get("heard_at") or hub_time), state.BY_STICK)


def _save_return(db: StationDB, hub_time: str, refusal: dict[str, Any] | None, reconcile: Any) -> None:
    """Note the newest return bundle applied: its time, its reconcile of the days the station's
    bundle carried (days that differ are sent again in the next bundle), and a good answer
    clears the last failure."""
    mismatched: list[str] = []
    if isinstance(reconcile, dict) and reconcile.get("from") and reconcile.get("to"):
        try:
            hub_tally = p.tally_from_rows(reconcile["days"])
        except (p.Malformed, ValueError, TypeError, KeyError):
            hub_tally = None
        if hub_tally is not None:
            acked = state.acked_seq(db)
            mine = p.tally(client._events_between(db, str(reconcile["from"]), str(reconcile["to"]), acked))
            mismatched = p.mismatched_days(mine, hub_tally)
            resend = [e.seq for day in mismatched for e in client._events_between(db, day, day, acked)]
            with db.transaction():
                db.set_local(state.RECONCILE, json.dumps({"from": reconcile["from"], "to": reconcile["to"],
                                                          "mismatched": mismatched, "by": state.BY_STICK}))
                db.set_local(RESEND_FROM, str(min(resend)) if resend else None)
    with db.transaction():
        db.set_local(state.RETURN_AT, hub_time)
        if not refusal:
            db.set_local(state.LAST_ERROR, None)


# -- the stick ------------------------------------------------------------------------------------


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# -- `station-app sync --from DIR --to DIR` --------------------------------------------------------

PLANNED = QT_TRANSLATE_NOOP("sync", "Bundle for the county: {records} records, {files} files, {size} ({free} free on "
                                    "the stick)")
PARTLY = QT_TRANSLATE_NOOP("sync", "The stick cannot take everything: the oldest {records} of {waiting} records and "
                                   "{files} of {files_waiting} files go now, the rest next time")
WRITTEN = QT_TRANSLATE_NOOP("sync", "Written: {file}")
IMPORTED = QT_TRANSLATE_NOOP("sync", "Imported {n} return bundles from the county: {changes} county changes; the county "
                                     "holds {acked} records of this station")
NONE_HERE = QT_TRANSLATE_NOOP("sync", "No return bundle for this station on {folder} ({others} for other stations)")
NOT_ON_PC = QT_TRANSLATE_NOOP("sync", "{n} evidence files the county lacks are not on this PC: {files}")
REPLAYED = QT_TRANSLATE_NOOP("sync", "{n} of them were imported before (or are older than one imported): they "
                                     "changed nothing")


def run_from_command_line(db: StationDB, *, to: Path | None, source: Path | None, as_json: bool) -> int:
    """`station-app sync --from DIR` (import this station's return bundles) and/or `--to DIR`
    (write a bundle for the county; its size is printed before it is written). Exit 0 done,
    1 the stick cannot be used (full, pulled out, no folder) or holds nothing for this station,
    2 refused or a bundle damaged (a person must act), 3 a sync of this station is running."""
    out: dict[str, Any] = {"ok": True}
    code = 0
    try:
        if source is not None:
            got = import_from(db, source)
            out["imported"] = got.as_json()
            if got.imported:
                _say(IMPORTED, n=got.imported, changes=got.changes, acked=got.acked_seq)
                if got.replayed:
                    _say(REPLAYED, n=got.replayed)
            else:
                _say(NONE_HERE, folder=source, others=got.others)
                code = 1
            for problem in got.problems:
                print(f"station-app sync: {problem}", file=sys.stderr)
            if got.refused:
                print(f"station-app sync: {got.refused}", file=sys.stderr)
            if got.problems or got.refused:
                code = 2
        if to is not None:
            plan = plan_bundle(db, to)
            out["written"] = plan.as_json()
            _say(PLANNED, records=plan.events, files=plan.files, size=bundle.show_size(plan.size),
                 free=bundle.show_size(plan.free))
            if not plan.complete:
                _say(PARTLY, records=plan.events, waiting=plan.waiting, files=plan.files,
                     files_waiting=plan.files_waiting)
            write_bundle(db, plan)
            _say(WRITTEN, file=plan.path)
            if plan.files_missing:
                print("station-app sync: " + translate("sync", NOT_ON_PC).format(
                    n=len(plan.files_missing), files=", ".join(plan.files_missing)), file=sys.stderr)
    except UserError as exc:
        out.update(ok=False, error=getattr(exc, "code", "error"), message=str(exc))
        print(f"station-app sync: {exc}", file=sys.stderr)
        code = 3 if isinstance(exc, errors.SyncBusy) else 1 if isinstance(exc, BundleError) and exc.code in (
            "stick_full", "stick_gone", "no_folder", "unreadable") else 2
    if as_json:
        print(json.dumps({**out, "ok": code == 0}, ensure_ascii=False, default=str))
    return code


def _say(text: str, /, **params: Any) -> None:
    print(translate("sync", text).format(**params))
