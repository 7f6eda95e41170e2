"""The station's sync with the county hub: enroll once, then run cycles (DESIGN §6).

A cycle, under the station file's sync lock:
1. status: where the hub's copy of this station's chain ends; a file behind the hub (an
   old backup, a new PC) catches up from the hub; a file that differs (a clone, a
   restored backup with new records) is refused loudly and nothing is sent;
2. push the events above the hub's acked seq in gzip batches that adapt to the link;
3. pull county changes page by page, each page applied with its cursor in one transaction;
4. reconcile per-day counts and money totals; a mismatch re-sends those days;
5. send the evidence files (training photos) the acked records name and the hub lacks
   (`sync.evidence`), last: records and county data first, bulky files after them.
Network errors and 5xx are retried with backoff and jitter (forever in the background).

The worker thread calls `sync_station(path)`; the command line `station-app sync`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import secrets
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

from station_app import __version__, keystore
from station_app.clock import CLOCK_WARNING_MS
from station_app.core import events as ev_mod
from station_app.core import printer_state, replay, settings
from station_app.core import sync_state as state
from station_app.core.events import GENESIS, Event
from station_app.db import StationDB, open_station
from station_app.errors import Conflict
from sync import bundle, errors, station_report
from sync import protocol as p
from sync.evidence import send_evidence
from sync.id_escrow import escrow_id_key
from sync.link import HubLink, HubRefusal, Retry
from sync.lock import SyncLock

log = logging.getLogger(__name__)
T = TypeVar("T")
BODY_TARGET = 64_000  # bytes of gzip per push: about 16 s at 32 kbit/s (2G)
PULL_PAGE = 500
ENROLL_PROOF = "sync.enroll_proof"  # keystore name of the secret of an enrollment under way
BUNDLE_SEED = "sync.bundle_seed"  # keystore name of the seed of this station's bundle keys (`sync.bundle.KeyPair`)
RECONCILE_DAYS = 3  # every cycle compares at least the last days with records, and all it sent


@dataclass
class BatchSize:
    """Events per push: start small, halve on a failure or a body too large, grow fourfold
    on success (but no further than the bytes per event seen so far fit in `target` bytes)."""

    size: int = 50
    low: int = 1
    high: int = 2000
    target: int = BODY_TARGET

    def grow(self, body_bytes: int = 0, events: int = 0) -> None:
        fits = int(self.target * 0.9 * events / body_bytes) if body_bytes and events else self.high
        self.size = max(self.low, min(self.high, self.size * 4, fits))

    def shrink(self) -> bool:
        """Halve; False when already at the smallest."""
        if self.size <= self.low:
            return False
        self.size = max(self.low, self.size // 2)
        return True


@dataclass
class SyncReport:
    """What one cycle did (the `--json` output of `station-app sync`)."""

    station_id: str
    acked_seq: int
    pending: int
    pushed: int
    pulled: int
    caught_up: int
    hub_time: str | None
    clock_offset_ms: int
    clock_warning: bool
    reconcile: dict[str, Any]
    requests: int
    batch_size: int
    seconds: float
    pulled_kinds: list[str] = field(default_factory=list)
    ok: bool = True
    evidence_uploaded: int = 0  # evidence files (training photos) sent to the hub this cycle
    evidence_missing_on_disk: int = 0  # files the hub lacks that are not on this PC as recorded (logged)
    evidence_missing_files: list[str] = field(default_factory=list)  # those files, relative to the data folder

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Enrollment:
    station_id: str
    name: str
    village: str
    acked_seq: int


def link_for(db: StationDB, hub_url: str | None = None, *, token: str | None = None, ca_file: str | None = None,
             allow_http: bool | None = None, timeout: tuple[float, float] | None = None) -> HubLink:
    """A link with this station's stored address, key and certificate settings (or those given)."""
    kwargs: dict[str, Any] = {"timeout": timeout} if timeout else {}
    return HubLink(hub_url or settings.get(db, "sync.hub_url"),
                   token=(state.token(db) or "") if token is None else token,
                   ca_file=ca_file if ca_file is not None else db.local(state.CA_FILE),
                   allow_http=allow_http if allow_http is not None else bool(db.local(state.ALLOW_HTTP)),
                   pc_now=db.clock.pc_now, **kwargs)


def enroll(db: StationDB, hub_url: str, code: str, *, ca_file: str | None = None, allow_http: bool = False,
           retry: Retry | None = None, timeout: tuple[float, float] | None = None) -> Enrollment:
    """Trade the county's one-time code for this station's id and key, and store them.
    Safe to repeat after a lost answer: the request carries a secret this PC made for the
    exchange (`_enroll_proof`, in the body, never in a URL), and the hub answers the same code
    again only to the same secret, and only while the key it gave has not been used.

    Raises Conflict for a demo file (`sync_state.demo_file`: its made-up county data would clash
    with the county's), before anything reaches the hub."""
    if state.demo_file(db):
        raise Conflict(state.DEMO_FILE)
    link = link_for(db, hub_url, token="", ca_file=ca_file, allow_http=allow_http, timeout=timeout)
    proof = _enroll_proof(db, code)
    body: dict[str, Any] = {"code": code, "proof": proof}
    keys = station_keys(db)
    if keys is not None:
        body["bundle_key"] = keys.public.as_json()
    try:
        answer = _retrying(retry or Retry(attempts=5, base=1, cap=10), lambda: link.call(
            "POST", "/v1/enroll", ("station_id", "token", "name", "village", "acked_seq", "hub_time"),
            json_body=body))
    finally:
        link.close()
    state.save_enrollment(db, hub_url=link.url, station_id=answer["station_id"], token=answer["token"],
                          ca_file=ca_file, allow_http=allow_http)
    if keys is not None:
        _keep_county_key(db, answer.get("county_key"), keys)
    with contextlib.suppress(keystore.KeystoreError, OSError):
        keystore.put(db.path, ENROLL_PROOF, None)  # the answer is stored: no retry will be needed
    if link.offset_ms is not None:
        state.save_clock_offset(db, link.offset_ms)
    return Enrollment(answer["station_id"], answer["name"], answer["village"], int(answer["acked_seq"]))


def _enroll_proof(db: StationDB, code: str) -> str:
    """The secret this PC sends with `code`: made for the first try and kept in this PC's
    keystore (`station_app.keystore`: not in the station file, not in backups) until the answer
    is stored, so a try after a lost answer sends the same one."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum()).translate(str.maketrans("OILU", "011V"))
    tag = hashlib.sha256(cleaned.encode("utf-8")).hexdigest()[:16]
    try:
        kept = keystore.get(db.path, ENROLL_PROOF) or ""
    except keystore.KeystoreError:
        kept = ""
    if kept.startswith(tag + ":"):
        return kept.partition(":")[2]
    proof = secrets.token_urlsafe(32)
    with contextlib.suppress(keystore.KeystoreError, OSError):
        keystore.put(db.path, ENROLL_PROOF, f"{tag}:{proof}")
    return proof


def station_keys(db: StationDB) -> bundle.KeyPair | None:
    """This station's bundle keys (made the first time, their seed sealed in this PC's keystore
    like the token), or None when the keystore cannot be used here."""
    try:
        seed = keystore.get_or_create(db.path, BUNDLE_SEED, lambda: secrets.token_hex(32))
        return bundle.KeyPair(bytes.fromhex(seed))
    except (keystore.KeystoreError, OSError, ValueError):
        return None


def _keep_county_key(db: StationDB, county_key: Any, keys: bundle.KeyPair) -> bool:
    """Store the county hub's public keys from an answer that registered this station's (enrollment,
    or `PUT .../bundle-key`); False when the answer carried none (an older hub)."""
    try:
        county = bundle.PublicKeys.from_json(county_key)
    except ValueError:
        return False
    state.save_bundle_keys(db, county.as_json(), keys.public.fingerprint)
    return True


def sync_station(path: Path | str, *, retry: Retry | None = None, batch: BatchSize | None = None,
                 timeout: tuple[float, float] | None = None) -> SyncReport:
    """One cycle on the station file at `path`, with a connection of this thread's own."""
    db = open_station(path, create=False)
    try:
        return sync_once(db, retry=retry, batch=batch, timeout=timeout)
    finally:
        db.close()


def sync_once(db: StationDB, *, retry: Retry | None = None, batch: BatchSize | None = None,
              timeout: tuple[float, float] | None = None) -> SyncReport:
    """One sync cycle. Raises SyncBusy, LinkDown (retries exhausted), Refused or Stopped;
    the failure is also stored for the status bar (`sync_state.status`)."""
    if not state.token(db) or not db.local(state.STATION_ID):
        raise errors.refused("not_enrolled")
    with SyncLock(db.path):
        link = link_for(db, timeout=timeout)
        cycle = _Cycle(db, link, retry or Retry(), batch or BatchSize())
        try:
            return cycle.run()
        except errors.SyncError as exc:
            if not isinstance(exc, errors.Stopped):
                state.save_failure(db, exc.text, exc.params, refused=exc.refused)
            raise
        finally:
            if link.offset_ms is not None:
                state.save_clock_offset(db, link.offset_ms)
            if db.local(state.UPLOADING_KEY):
                state.mark_uploading(db, None)
            link.close()


def restore_from_hub(path: Path | str, hub_url: str, code: str, *, ca_file: str | None = None,
                     allow_http: bool = False, retry: Retry | None = None,
                     timeout: tuple[float, float] | None = None) -> SyncReport:
    """Rebuild a station onto a new PC from the hub: enroll the empty file at `path` with a
    code the county made for the existing station, then fold its events back in through
    the appliers (`core.replay`). Interrupted, it is simply called again: it resumes.

    PINs never travel to the hub, so the operators come back without them (older events that
    still carry PIN hashes are history the appliers ignore): the caller asks for new ones
    (`operators.without_pin`, `operators.set_new_pins`; the wizard's `NewPinsDialog`)."""
    db = open_station(path)
    try:
        if ev_mod.last_seq(db) and not state.token(db):
            raise errors.refused("not_empty")
        if not state.token(db):
            enroll(db, hub_url, code, ca_file=ca_file, allow_http=allow_http, retry=retry, timeout=timeout)
        return sync_once(db, retry=retry, timeout=timeout)
    finally:
        db.close()


def run_from_command_line(db: StationDB, *, once: bool, as_json: bool) -> int:
    """`station-app sync`: one cycle, its result on stdout (one JSON object with --json) and
    any failure on stderr. Exit 0 synced, 1 hub unreachable, 2 refused, 3 already running."""
    retry = Retry(attempts=3, base=1.0, cap=5.0) if once else Retry()
    try:
        report = sync_once(db, retry=retry)
    except errors.SyncError as exc:
        if as_json:
            print(json.dumps({"ok": False, "error": exc.code, "message": str(exc),
                              "station_id": db.local(state.STATION_ID), "acked_seq": state.acked_seq(db),
                              "pending": state.pending_count(db)}, ensure_ascii=False))
        print(f"station-app sync: {exc}", file=sys.stderr)
        return 3 if isinstance(exc, errors.SyncBusy) else 2 if exc.refused else 1
    if as_json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        print(f"synced: the hub holds {report.acked_seq} records ({report.pushed} sent now), {report.pending} waiting, "
              f"{report.pulled} county changes received, clock offset {report.clock_offset_ms} ms")
        if report.evidence_uploaded:
            print(f"{report.evidence_uploaded} evidence files (training photos) sent")
    if report.evidence_missing_files:
        print(f"station-app sync: {len(report.evidence_missing_files)} evidence files the county lacks are not in the "
              f"data folder as recorded: {', '.join(report.evidence_missing_files)}", file=sys.stderr)
    return 0


def own_report(db: StationDB) -> station_report.StationReport:
    """What this station tells the hub about itself (`sync.station_report`): the program's
    version and the printer's last state as the program saw it ("unknown" before it saw any)."""
    printer = printer_state.printer_state(db)
    if printer is None or printer.status not in station_report.PRINTER_STATES:
        return station_report.StationReport(__version__, "unknown")
    return station_report.StationReport(__version__, printer.status, printer.since, printer.message)


def _retrying(retry: Retry, call: Callable[[], T]) -> T:
    """`call()` until it answers, with backoff between failures (LinkDown) as `retry` allows."""
    return retry.run(call)


@dataclass
class _Cycle:
    db: StationDB
    link: HubLink
    retry: Retry
    batch: BatchSize
    pushed: int = 0
    pulled: int = 0
    caught_up: int = 0
    kinds: set[str] = field(default_factory=set)
    first_pushed: int | None = None
    max_body: int = p.MAX_BODY
    started: float = field(default_factory=time.monotonic)

    @property
    def station(self) -> str:
        return f"/v1/stations/{self.db.local(state.STATION_ID)}"

    def call(self, method: str, path: str, expect: tuple[str, ...], **kwargs: Any) -> dict[str, Any]:
        return _retrying(self.retry, lambda: self.link.call(method, self.station + path, expect, **kwargs))

    def run(self) -> SyncReport:
        acked = self.check_chain()
        self.register_bundle_key()
        escrow_id_key(self.db, self.call)
        self.push(acked + 1)
        self.pull()
        reconcile = self.reconcile()
        evidence = send_evidence(self.db, self.link, self.retry, self.db.local(state.STATION_ID) or "",
                                 state.acked_seq(self.db))
        offset = self.link.offset_ms if self.link.offset_ms is not None else state.clock_offset_ms(self.db)
        hub_time = self.link.hub_time or ""
        state.save_success(self.db, hub_time, reconcile)
        state.save_heard(self.db, hub_time, state.BY_NETWORK)
        return SyncReport(
            station_id=self.db.local(state.STATION_ID) or "", acked_seq=state.acked_seq(self.db),
            pending=state.pending_count(self.db), pushed=self.pushed, pulled=self.pulled, caught_up=self.caught_up,
            hub_time=hub_time, clock_offset_ms=offset, clock_warning=abs(offset) > CLOCK_WARNING_MS,
            reconcile=reconcile, requests=self.link.requests, batch_size=self.batch.size,
            seconds=round(time.monotonic() - self.started, 3), pulled_kinds=sorted(self.kinds),
            evidence_uploaded=evidence.uploaded, evidence_missing_on_disk=len(evidence.missing_on_disk),
            evidence_missing_files=evidence.missing_on_disk)

    # -- 1. where the hub's copy ends --------------------------------------------------

    def check_chain(self) -> int:
        head = ev_mod.last_seq(self.db)
        instance = self.db.value("SELECT value FROM meta WHERE key = 'instance_id'") or ""
        st = self.call("GET", "/status", ("acked_seq", "head_hash", "at", "hash_at", "hub_time", "max_body"),
                       params={"seq": head, "instance": instance}, station_time=True,
                       headers={station_report.HEADER: station_report.encode(own_report(self.db))})
        acked, self.max_body = int(st["acked_seq"]), int(st["max_body"])
        if head >= acked:
            if _hash_at(self.db, acked) != st["head_hash"]:
                raise errors.refused(p.FORK, seq=acked)
            with self.db.transaction():
                self.db.set_local(state.ACKED, str(acked))
            return acked
        if _hash_at(self.db, head) != st["hash_at"]:
            raise errors.refused(p.FORK, seq=head)
        self.catch_up(head)
        return ev_mod.last_seq(self.db)

    def catch_up(self, head: int) -> None:
        """This file is behind the hub's copy of its own chain: fetch the missing events
        (and the county changes) and fold them in, a page per transaction."""
        changes = self.fetch_changes()
        more = True
        while more:
            page = self.call("GET", "/events", ("more", "acked_seq", "hub_time"), params={"after": head, "limit": 500})
            more = bool(page["more"])
            own: list[Event] = []
            if "s" in page:
                try:
                    batch = p.decode_batch(page)
                except p.Malformed:
                    raise errors.no_answer("a page of records arrived damaged") from None
                own = batch.events
                if batch.first_seq != head + 1 or batch.prev_hash != _hash_at(self.db, head) or own[-1].hash != batch.last_hash:
                    raise errors.refused(p.FORK, seq=head + 1)
            self.caught_up += replay.fold_from_hub(self.db, own, changes, last_page=not more)
            head = ev_mod.last_seq(self.db)
        self.pulled += len(changes)
        self.kinds.update(c.kind for c in changes)

    def register_bundle_key(self) -> None:
        """Show the hub this station's bundle keys once (a station enrolled before bundles
        existed, or whose keystore made new ones), so USB-stick bundles can go both ways.
        A hub without bundles (an older version) is left alone."""
        keys = station_keys(self.db)
        if keys is None or state.bundle_key_registered(self.db) == keys.public.fingerprint:
            return
        try:
            answer = self.call("PUT", "/bundle-key", ("county_key", "hub_time"), json_body=keys.public.as_json())
        except (errors.Refused, HubRefusal) as exc:
            log.info("the hub did not take this station's bundle keys: %s", exc)
            return
        _keep_county_key(self.db, answer["county_key"], keys)

    # -- 2. push -------------------------------------------------------------------------

    def push(self, start: int, last: int | None = None) -> None:
        """Send events start..last (default: to the head) until the hub has acked them.

        A failed request is sent again smaller (a flaky link lets small requests through),
        after a backoff; a success resets the backoff and lets the batch grow."""
        instance = self.db.value("SELECT value FROM meta WHERE key = 'instance_id'") or ""
        delays = self.retry.delays()
        while True:
            self.retry.check()
            top = ev_mod.last_seq(self.db) if last is None else last
            if start > top:
                return
            events = ev_mod.events_after(self.db, start - 1, min(self.batch.size, top - start + 1))
            body = push_body(self.db, events, instance)
            if len(body) > min(self.batch.target, self.max_body) and self.batch.shrink():
                continue
            if self.first_pushed is None:
                self.first_pushed = events[0].seq
            state.mark_uploading(self.db, events[-1].seq)
            try:
                ack = self.link.call("POST", self.station + "/events", ("acked_seq", "hub_time"), gzip_body=body)
            except errors.LinkDown:
                self.batch.shrink()
                delay = next(delays, None)
                if delay is None:
                    raise
                self.retry.sleep(delay)
                continue
            except HubRefusal as refusal:
                if refusal.code == p.GAP:
                    start = int(refusal.body.get("acked_seq", 0)) + 1
                    continue
                if not self.batch.shrink():
                    raise errors.refused(p.TOO_LARGE, seq=events[0].seq) from None
                continue
            delays = self.retry.delays()
            acked = int(ack["acked_seq"])
            if acked < events[-1].seq and last is None:
                start = acked + 1  # the hub holds less than it did: send from there
                continue
            if last is None or acked > state.acked_seq(self.db):
                state.save_ack(self.db, acked)
            self.pushed += len(events)
            self.batch.grow(len(body), len(events))
            start = events[-1].seq + 1

    # -- 3. pull -------------------------------------------------------------------------

    def fetch_changes(self) -> list[state.HubChange]:
        out: list[state.HubChange] = []
        cursor, more = state.local_int(self.db, state.CURSOR), True
        while more:
            page = self.call("GET", "/changes", ("changes", "next", "more", "hub_time"),
                             params={"after": cursor, "limit": PULL_PAGE})
            out += changes_of(page)
            cursor, more = int(page["next"]), bool(page["more"])
        return out

    def pull(self) -> None:
        more = True
        while more:
            self.retry.check()
            cursor = state.local_int(self.db, state.CURSOR)
            page = self.call("GET", "/changes", ("changes", "next", "more", "hub_time"),
                             params={"after": cursor, "limit": PULL_PAGE})
            changes = changes_of(page)
            self.kinds.update(apply_changes(self.db, changes, int(page["next"])))
            self.pulled += len(changes)
            more = bool(page["more"])

    # -- 4. reconcile --------------------------------------------------------------------

    def reconcile(self) -> dict[str, Any]:
        acked = state.acked_seq(self.db)
        if not acked:
            return {}
        last_day = _day(self.db, acked)
        first_day = (date.fromisoformat(last_day) - timedelta(days=RECONCILE_DAYS - 1)).isoformat()
        if self.first_pushed and self.first_pushed <= acked:
            first_day = min(first_day, _day(self.db, self.first_pushed))
        result: dict[str, Any] = {"from": first_day, "to": last_day, "mismatched": [], "resent": 0}
        for attempt in range(2):
            answer = self.call("GET", "/reconcile", ("days", "acked_seq", "hub_time"),
                               params={"from": first_day, "to": last_day})
            try:
                hub_tally = p.tally_from_rows(answer["days"])
            except (p.Malformed, ValueError, TypeError):
                raise errors.no_answer("the reconcile answer arrived damaged") from None
            mine = p.tally(_events_between(self.db, first_day, last_day, acked))
            bad = p.mismatched_days(mine, hub_tally)
            result.update(days=len({d for d, _ in mine}), mismatched=bad)
            if not bad or attempt:
                break
            for day in bad:  # re-send those days; the hub fills what it lacks, the rest is a no-op
                seqs = [e.seq for e in _events_between(self.db, day, day, acked)]
                if seqs:
                    self.push(min(seqs), max(seqs))
                    result["resent"] += max(seqs) - min(seqs) + 1
        return result


def push_body(db: StationDB, events: list[Event], instance: str) -> bytes:
    """The body of a push of `events` (consecutive), with the county changes applied among them:
    what an HTTP push carries, and a bundle's `B` frame."""
    return p.pack(p.encode_batch(events, instance_id=instance,
                                 placements=state.placements(db, events[0].seq, events[-1].seq)))


def apply_changes(db: StationDB, changes: list[state.HubChange], cursor: int) -> list[str]:
    """Apply county changes with the new cursor in one transaction (a pull's page, or a return
    bundle's changes); returns the kinds applied. Raises Refused: county data this file cannot
    take (another county's, or a kind this version does not know)."""
    try:
        return replay.apply_hub_changes(db, changes, cursor)
    except Conflict as exc:
        raise errors.refused("hub_mismatch", number=exc.params.get("number", "?")) from None
    except (ValueError, KeyError, TypeError) as exc:
        kind = next((c.kind for c in changes if c.kind not in replay.APPLIERS), str(exc)[:80])
        raise errors.refused("hub_data", kind=kind) from None


def changes_of(page: dict[str, Any]) -> list[state.HubChange]:
    """The county changes of a pull's answer (`Hub.changes_page`). Raises LinkDown when damaged."""
    try:
        return [state.HubChange(int(c["c"]), str(c["k"]), str(c["e"]), dict(c["p"]), str(c["t"]),
                                int(c["a"]) if c.get("a") is not None else None) for c in page["changes"]]
    except (KeyError, TypeError, ValueError):
        raise errors.no_answer("a page of county data arrived damaged") from None


def _hash_at(db: StationDB, seq: int) -> str:
    if seq <= 0:
        return GENESIS
    return str(db.value("SELECT hash FROM events WHERE seq = ?", (seq,), default=""))


def _day(db: StationDB, seq: int) -> str:
    row = db.row("SELECT hlc, station_time FROM events WHERE seq = ?", (seq,))
    assert row is not None
    return p.day_of(row["hlc"], row["station_time"])


def _events_between(db: StationDB, first_day: str, last_day: str, acked: int) -> list[Event]:
    low, high = p.day_bounds(first_day, last_day)
    return [ev_mod.from_row(r) for r in db.rows(
        "SELECT * FROM events WHERE seq <= ? AND hlc >= ? AND hlc < ? ORDER BY seq", (acked, low, high))]
