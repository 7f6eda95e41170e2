"""What the hub does with its tables: enrollment, a station's chain, county changes.

Every function is one self-contained transaction (no server sessions: an interrupted sync
leaves nothing behind to clean up). Protocol faults raise `HubError`, which the web layer
turns into a JSON error answer; content the hub finds wrong is stored and flagged.
"""

from __future__ import annotations

import contextlib
import hmac
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Connection,
    Engine,
    String,
    and_,
    any_,
    bindparam,
    func,
    insert,
    or_,
    select,
    update,
)

from station_app.clock import CLOCK_WARNING_MS, Clock, iso
from station_app.core import settings as station_settings
from station_app.core.events import GENESIS, Event, canonical
from station_app.errors import UserError
from station_app.ids import new_id
from sync import protocol as p
from sync.hub import credentials, hub_secret
from sync.hub.db import (
    admins,
    changes,
    enroll_codes,
    events,
    flags,
    is_sqlite,
    is_sqlite_conn,
    next_hub_seqs,
    placements,
    reading,
    stations,
    tokens,
    writing,
)
from sync.hub.inspect import inspect, inspection

CODE_HOURS = 24  # an enrollment code is typed the day it is made; unused, it dies after this
MAX_CODE_HOURS = 72
RETRIES = 5  # lost answers one enrollment may recover from (each retry re-issues the token)
# events per write transaction: a long push never holds a lock others wait for long (SQLite: the one
# write lock; PostgreSQL: the county change counter, when its events raise flags). Each commit costs a
# flush to disk, so PostgreSQL, where stations do not share the lock, takes larger parts.
CHUNK = 500
PG_CHUNK = 2000
FLAG_RAISED, FLAG_CLEARED = "sync.flag_raised", "sync.flag_cleared"


class HubError(Exception):
    """A protocol fault: refused with an HTTP status, a code and a plain message."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


class Hub:
    """The county hub over one database. Thread-safe: each call uses its own connection."""

    def __init__(self, engine: Engine, clock: Clock | None = None, max_body: int = p.MAX_BODY, *,
                 limits: p.Limits = p.LIMITS, secret_file: Path | None = None) -> None:
        self.engine = engine
        self.clock = clock or Clock()
        self.max_body = max_body
        self.limits = limits  # what one push may hold once unpacked (sync.protocol.Limits)
        self.secret_file = secret_file if secret_file is not None else hub_secret.default_path(engine)
        self._secret: bytes | None = None

    def now(self) -> str:
        return iso(self.clock.now())

    @property
    def secret(self) -> bytes:
        """The hub's own secret (`sync.hub.hub_secret`), read or made on first use."""
        if self._secret is None:
            self._secret = hub_secret.load(self.secret_file)
        return self._secret

    # -- enrollment and tokens ---------------------------------------------------------

    def enroll_code(self, name: str, village: str = "", hours: int = CODE_HOURS) -> tuple[str, str]:
        """A one-time code for station `name` (created if new; an existing one is re-enrolled,
        e.g. onto a new PC), valid for `hours`. Returns (station_id, code)."""
        name, village = " ".join(name.split()), " ".join(village.split())
        if not name or len(name) > 100 or len(village) > 100 or "\0" in name + village:
            raise HubError(400, p.MALFORMED, "a station name (at most 100 characters) is required")
        if not 1 <= hours <= MAX_CODE_HOURS:
            raise HubError(400, p.MALFORMED, f"a code lives 1 to {MAX_CODE_HOURS} hours")
        now = self.clock.now()
        code = credentials.new_code()
        with writing(self.engine) as conn:
            row = conn.execute(select(stations.c.id).where(stations.c.name == name)).first()
            if row is None:
                station_id = new_id()
                conn.execute(insert(stations).values(id=station_id, name=name, village=village, created_at=iso(now),
                                                     acked_seq=0, head_hash=GENESIS, instance_id="", station_head=0,
                                                     clock_offset_ms=0, warning=""))
            else:
                station_id = row.id
            conn.execute(insert(enroll_codes).values(code_hash=credentials.secret_hash(credentials.normalise_code(code)),
                                                     station_id=station_id, created_at=iso(now),
                                                     expires_at=iso(now + timedelta(hours=hours))))
        return station_id, code

    def enroll(self, code: str, proof: str) -> dict[str, Any]:
        """Trade a code for the station id and a new secret token, once.

        `proof` is a secret the enrolling station made for this exchange and keeps until it has
        the answer. The code is taken in a row-locked transaction that marks it used only if it
        was unused (so concurrent requests get one token between them, on PostgreSQL too). If the
        answer was lost, the same code with the same proof is answered again with a fresh token
        (the unseen one is revoked) while that token has never been used, at most RETRIES times.
        Every other case gets the same refusal, which does not tell whether the code was real."""
        now = self.now()
        code_hash = credentials.secret_hash(credentials.normalise_code(code))
        proof_hash = credentials.secret_hash(proof) if proof else ""
        with writing(self.engine) as conn:
            query = select(enroll_codes).where(enroll_codes.c.code_hash == code_hash)
            if not is_sqlite_conn(conn):
                query = query.with_for_update()
            row = conn.execute(query).first()
            if row is None or row.expires_at <= now:
                raise _bad_code()
            if row.used_at is None:
                taken = conn.execute(update(enroll_codes).where(and_(
                    enroll_codes.c.code_hash == code_hash, enroll_codes.c.used_at.is_(None),
                    enroll_codes.c.expires_at > now)).values(used_at=now, used_nonce=proof_hash))
                if taken.rowcount != 1:
                    raise _bad_code()
            else:
                if not proof_hash or not hmac.compare_digest(row.used_nonce or "", proof_hash):
                    raise _bad_code()
                issued = conn.execute(select(tokens.c.first_used_at).where(and_(
                    tokens.c.station_id == row.station_id, tokens.c.nonce == proof_hash))).all()
                if len(issued) > RETRIES or any(t.first_used_at is not None for t in issued):
                    raise _bad_code()
                conn.execute(update(tokens).where(and_(tokens.c.station_id == row.station_id,
                                                       tokens.c.nonce == proof_hash, tokens.c.revoked_at.is_(None)))
                             .values(revoked_at=now))
            token = credentials.new_token()
            conn.execute(insert(tokens).values(token_hash=credentials.secret_hash(token), station_id=row.station_id,
                                               nonce=proof_hash, created_at=now))
            st = conn.execute(select(stations).where(stations.c.id == row.station_id)).one()
        return {"station_id": st.id, "token": token, "name": st.name, "village": st.village,
                "acked_seq": st.acked_seq, "hub_time": now}

    def authenticate(self, token: str, station_id: str) -> None:
        """Raises 401 for an unknown or revoked token, 403 for a token of another station."""
        if self.station_of(token) != station_id:
            raise HubError(403, p.WRONG_STATION, "this token belongs to another station")

    def station_of(self, token: str) -> str:
        """The station a token belongs to; raises 401 for an unknown or revoked token. The first
        use of a token is noted (after it, its enrollment cannot be answered again)."""
        token_hash = credentials.secret_hash(token or "")
        with reading(self.engine) as conn:
            row = conn.execute(select(tokens.c.station_id, tokens.c.revoked_at, tokens.c.first_used_at)
                               .where(tokens.c.token_hash == token_hash)).first()
        if row is None or row.revoked_at is not None:
            raise HubError(401, p.BAD_TOKEN, "the station token is wrong or was revoked")
        if row.first_used_at is None:
            with writing(self.engine) as conn:
                conn.execute(update(tokens).where(and_(tokens.c.token_hash == token_hash,
                                                       tokens.c.first_used_at.is_(None))).values(first_used_at=self.now()))
        return str(row.station_id)

    def revoke(self, station_id: str) -> int:
        """Revoke every token of a station and end its codes, used or not (no enrollment and no
        retry of one works any more); returns how many tokens."""
        now = self.now()
        with writing(self.engine) as conn:
            conn.execute(update(enroll_codes).where(and_(enroll_codes.c.station_id == station_id,
                                                         enroll_codes.c.expires_at > now)).values(expires_at=now))
            result = conn.execute(update(tokens).where(and_(tokens.c.station_id == station_id,
                                                            tokens.c.revoked_at.is_(None))).values(revoked_at=now))
            return int(result.rowcount or 0)

    # -- county staff ------------------------------------------------------------------

    def add_admin(self, name: str, password: str) -> None:
        """Add a county staff login, or set its password again (which ends its sessions: the
        session remembers the password it was opened with). Raises HubError for a name of more
        than 60 characters or a password that is not a real one (`credentials.password_problem`)."""
        if not name.strip() or len(name.strip()) > 60:
            raise HubError(400, p.MALFORMED, "a name of 1 to 60 characters is required")
        problem = credentials.password_problem(password, name.strip())
        if problem:
            raise HubError(400, p.MALFORMED, problem)
        salt, digest = credentials.hash_password(password)
        with writing(self.engine) as conn:
            conn.execute(admins.delete().where(admins.c.name == name.strip()))
            conn.execute(insert(admins).values(name=name.strip(), password_salt=salt, password_hash=digest,
                                               created_at=self.now()))

    def check_admin(self, name: str, password: str) -> bool:
        """Is this the staff member's password? (An scrypt: callers go through `sync.hub.lockout`.)"""
        if len(password) > credentials.MAX_PASSWORD:
            return False
        with reading(self.engine) as conn:
            row = conn.execute(select(admins).where(admins.c.name == name)).first()
        if row is None:
            credentials.hash_password(password)  # same time whether or not the name exists
            return False
        return credentials.check_password(password, row.password_salt, row.password_hash)

    # -- a station's chain -------------------------------------------------------------

    def _locked_station(self, conn: Connection, station_id: str) -> Any:
        query = select(stations).where(stations.c.id == station_id)
        if not is_sqlite_conn(conn):
            query = query.with_for_update()
        row = conn.execute(query).first()
        if row is None:
            raise HubError(403, p.WRONG_STATION, "no such station")
        return row

    def _seen(self, station_time: str | None) -> dict[str, Any]:
        values: dict[str, Any] = {"last_seen_at": self.now()}
        if station_time:
            with contextlib.suppress(ValueError):
                values["clock_offset_ms"] = p.ms_of(self.now()) - p.ms_of(station_time)
        return values

    def status(self, station_id: str, *, seq: int, instance_id: str = "", station_time: str | None = None) -> dict[str, Any]:
        """Where the hub's copy of the chain ends, and its hash where the station's ends."""
        with writing(self.engine) as conn:
            st = self._locked_station(conn, station_id)
            at = max(0, min(seq, st.acked_seq))
            hash_at = GENESIS if at == 0 else conn.execute(
                select(events.c.hash).where(and_(events.c.station_id == station_id, events.c.seq == at))).scalar()
            values = {**self._seen(station_time), "station_head": seq}
            notes = []
            if seq < st.station_head:
                notes.append(f"the station reported {seq} records, fewer than the {st.station_head} before: "
                             "an old backup or a copy of its file is in use")
            if instance_id and instance_id != st.instance_id:
                values["instance_id"] = instance_id
                if st.instance_id:
                    notes.append("the station's file changed (restored, copied or moved to another PC)")
            if notes:
                values["warning"] = f"{self.now()[:16]} " + "; ".join(notes)
            conn.execute(update(stations).where(stations.c.id == station_id).values(**values))
        return {"acked_seq": st.acked_seq, "head_hash": st.head_hash, "at": at, "hash_at": hash_at or "",
                "hub_time": self.now(), "max_body": self.max_body, "protocol": p.PROTOCOL}

    def ingest(self, station_id: str, batch: p.Batch, *, station_time: str | None = None) -> dict[str, Any]:
        """Store a batch of the station's events; see DESIGN §6.

        Events the hub already holds must have the same hash (else 409 fork, nothing is
        overwritten); new ones must continue the chain (else 409 gap/fork). Replays change
        nothing and get the same `acked_seq`. The batch is stored CHUNK (on PostgreSQL PG_CHUNK)
        events per transaction, in order, each continuing the one before (every hash was checked
        first): a long push lets other stations write between its parts; a refusal keeps the
        parts before it."""
        if batch.events[-1].hash != batch.last_hash:
            raise HubError(409, p.BROKEN_CHAIN, f"events {batch.first_seq}-{batch.last_seq} do not hash to the chain "
                           "head the station sent: its chain is damaged", seq=batch.first_seq)
        if len(batch.events) > self.limits.events:
            raise HubError(413, p.TOO_LARGE, f"at most {self.limits.events} events per push",
                           max_events=self.limits.events)
        try:
            for part in _chunks(batch, CHUNK if is_sqlite(self.engine) else max(CHUNK, PG_CHUNK)):
                with writing(self.engine) as conn:
                    acked = self._ingest(conn, station_id, part, station_time)
        except HubError as exc:
            if exc.code == p.FORK:  # after the rollback, so the note stays
                with writing(self.engine) as conn:
                    conn.execute(update(stations).where(stations.c.id == station_id)
                                 .values(warning=f"{self.now()[:16]} refused a fork at record {exc.extra['seq']}"))
            raise
        return {"acked_seq": acked, "hub_time": self.now()}

    def _ingest(self, conn: Connection, station_id: str, batch: p.Batch, station_time: str | None) -> int:
        now = self.now()
        s, e = batch.first_seq, batch.last_seq
        st = self._locked_station(conn, station_id)
        acked = st.acked_seq
        if s > acked + 1:
            raise HubError(409, p.GAP, f"the hub holds events up to {acked}; send from {acked + 1}", acked_seq=acked)
        stored = {r.seq: r for r in conn.execute(
            select(events.c.seq, events.c.hash, events.c.prev_hash)
            .where(and_(events.c.station_id == station_id, events.c.seq.between(s - 1, e + 1))))}
        if s == 1 and batch.prev_hash != GENESIS:
            raise HubError(409, p.BROKEN_CHAIN, "the first event must start the chain", seq=1)
        if s - 1 in stored and stored[s - 1].hash != batch.prev_hash:
            raise HubError(409, p.FORK, f"record {s - 1} differs from the hub's copy", seq=s - 1, acked_seq=acked)
        new: list[Event] = []
        for ev in batch.events:
            have = stored.get(ev.seq)
            if have is None:
                new.append(ev)
            elif have.hash != ev.hash:
                raise HubError(409, p.FORK, f"record {ev.seq} differs from the hub's copy", seq=ev.seq, acked_seq=acked)
        if e + 1 in stored and new and new[-1].seq == e and stored[e + 1].prev_hash != batch.last_hash:
            raise HubError(409, p.FORK, f"record {e + 1} does not follow record {e}", seq=e + 1, acked_seq=acked)
        if new:
            _append(conn, _event_rows(station_id, batch, new, now))
            self._flag(conn, station_id, new, now)
        self._place(conn, station_id, batch.placements)
        values = {**self._seen(station_time), "last_push_at": now}
        if e > acked:
            values.update(acked_seq=e, head_hash=batch.last_hash)
            acked = e
        if batch.instance_id and batch.instance_id != st.instance_id:
            values["instance_id"] = batch.instance_id
            if st.instance_id:
                values["warning"] = f"{now[:16]} the station's file changed (restored or moved to another PC) at record {s}"
        conn.execute(update(stations).where(stations.c.id == station_id).values(**values))
        return int(acked)

    def _flag(self, conn: Connection, station_id: str, new: list[Event], now: str) -> None:
        with inspection():
            found = {ev.seq: inspect(conn, station_id, ev) for ev in new}
        entities = {ev.entity_id for ev in new}
        open_flags = conn.execute(select(flags.c.hub_seq, flags.c.entity_id, flags.c.seq).where(and_(
            flags.c.station_id == station_id, flags.c.cleared_at.is_(None), _among(conn, flags.c.entity_id, entities)))).all()
        raised: list[tuple[Event, Any]] = [(ev, f) for ev in new for f in found[ev.seq]]
        clears: list[tuple[Event, list[int]]] = []
        for ev in new:
            if not found[ev.seq]:
                settled = [r.hub_seq for r in open_flags if r.entity_id == ev.entity_id and r.seq < ev.seq]
                if settled:
                    clears.append((ev, settled))
        if not raised and not clears:
            return
        hub_seq = next_hub_seqs(conn, len(raised) + len(clears))
        for ev, finding in raised:
            message = finding.message.format(**finding.params) if finding.params else finding.message
            payload = {"seq": ev.seq, "kind": ev.kind, "reason": finding.reason, "message": finding.message,
                       "params": finding.params}
            conn.execute(insert(changes).values(hub_seq=hub_seq, station_id=station_id, kind=FLAG_RAISED,
                                                entity_id=ev.entity_id, payload=canonical(payload), hub_time=now))
            conn.execute(insert(flags).values(hub_seq=hub_seq, station_id=station_id, seq=ev.seq, entity_id=ev.entity_id,
                                              kind=ev.kind, reason=finding.reason, message=message, raised_at=now))
            hub_seq += 1
        for ev, settled in clears:
            conn.execute(update(flags).where(flags.c.hub_seq.in_(settled)).values(cleared_at=now))
            payload = {"flags": [f"hub:{n}" for n in settled], "seq": ev.seq}
            conn.execute(insert(changes).values(hub_seq=hub_seq, station_id=station_id, kind=FLAG_CLEARED,
                                                entity_id=ev.entity_id, payload=canonical(payload), hub_time=now))
            hub_seq += 1

    def _place(self, conn: Connection, station_id: str, given: list[tuple[int, int]]) -> None:
        if not given:
            return
        wanted = dict(given)
        numbers = sorted(wanted)
        visible: set[int] = set()
        known: set[int] = set()
        for i in range(0, len(numbers), 1000):  # SQLite allows some thousands of parameters per query
            some = numbers[i:i + 1000]
            visible |= {r.hub_seq for r in conn.execute(select(changes.c.hub_seq).where(and_(
                changes.c.hub_seq.in_(some), or_(changes.c.station_id == station_id, changes.c.station_id.is_(None)))))}
            known |= {r.hub_seq for r in conn.execute(select(placements.c.hub_seq).where(and_(
                placements.c.station_id == station_id, placements.c.hub_seq.in_(some))))}
        rows = [{"station_id": station_id, "hub_seq": h, "after_seq": wanted[h]} for h in sorted(visible - known)]
        if rows:
            conn.execute(insert(placements), rows)

    def clear_flag(self, hub_seq: int) -> bool:
        """County staff settle a flag by hand; the station hears of it on its next pull."""
        now = self.now()
        with writing(self.engine) as conn:
            row = conn.execute(select(flags).where(and_(flags.c.hub_seq == hub_seq, flags.c.cleared_at.is_(None)))).first()
            if row is None:
                return False
            conn.execute(update(flags).where(flags.c.hub_seq == hub_seq).values(cleared_at=now))
            seq = next_hub_seqs(conn)
            conn.execute(insert(changes).values(hub_seq=seq, station_id=row.station_id, kind=FLAG_CLEARED,
                                                entity_id=row.entity_id, hub_time=now,
                                                payload=canonical({"flags": [f"hub:{hub_seq}"], "seq": row.seq})))
        return True

    # -- county changes down to the stations -------------------------------------------

    def publish(self, kind: str, entity_id: str, payload: dict[str, Any], station_id: str | None = None) -> int:
        """Queue a county change for one station (or all when station_id is None); returns its hub_seq."""
        with writing(self.engine) as conn:
            return publish(conn, kind, entity_id, payload, station_id, self.now())

    def push_setting(self, key: str, value: Any, station_id: str | None = None) -> int:
        """A county-owned setting for one station or all. Raises HubError for an unknown key or bad value."""
        try:
            setting = station_settings.declared(key)
            if setting.scope != station_settings.COUNTY:
                raise HubError(400, p.MALFORMED, f"{key} is not a county setting")
            value = station_settings.coerce(setting, value)
        except UserError as exc:
            raise HubError(400, p.MALFORMED, exc.message("en")) from None
        return self.publish("county.setting_changed", key, {"value": value}, station_id)

    def changes_page(self, station_id: str, after: int, limit: int) -> dict[str, Any]:
        """County changes for one station above `after`, in hub order (keyset paging)."""
        limit = max(1, min(limit, p.MAX_PAGE))
        with reading(self.engine) as conn:
            rows = conn.execute(
                select(changes, placements.c.after_seq)
                .select_from(changes.outerjoin(placements, and_(placements.c.station_id == station_id,
                                                                placements.c.hub_seq == changes.c.hub_seq)))
                .where(and_(or_(changes.c.station_id == station_id, changes.c.station_id.is_(None)),
                            changes.c.hub_seq > after))
                .order_by(changes.c.hub_seq).limit(limit + 1)).all()
        out = []
        for r in rows[:limit]:
            item: dict[str, Any] = {"c": r.hub_seq, "k": r.kind, "e": r.entity_id, "p": json.loads(r.payload), "t": r.hub_time}
            if r.after_seq is not None:
                item["a"] = r.after_seq
            out.append(item)
        return {"changes": out, "next": out[-1]["c"] if out else after, "more": len(rows) > limit, "hub_time": self.now()}

    # -- reading a station's own records back --------------------------------------------

    def own_events(self, station_id: str, after: int, limit: int) -> dict[str, Any]:
        """The station's own events above `after` (to restore it onto a new PC)."""
        limit = max(1, min(limit, p.MAX_PAGE))
        with reading(self.engine) as conn:
            rows = conn.execute(select(events).where(and_(events.c.station_id == station_id, events.c.seq > after))
                                .order_by(events.c.seq).limit(limit + 1)).all()
            acked = conn.execute(select(stations.c.acked_seq).where(stations.c.id == station_id)).scalar_one()
        page = [_row_event(r) for r in rows[:limit]]
        body: dict[str, Any] = p.encode_batch(page) if page else {}
        return {**body, "more": len(rows) > limit, "acked_seq": acked, "hub_time": self.now()}

    def reconcile(self, station_id: str, first_day: str, last_day: str) -> dict[str, Any]:
        """Per-day, per-kind counts and money totals of the station's events the hub holds."""
        with reading(self.engine) as conn:
            rows = conn.execute(
                select(events.c.day, events.c.kind, func.count(), func.coalesce(func.sum(events.c.money), 0))
                .where(and_(events.c.station_id == station_id, events.c.day.between(first_day, last_day)))
                .group_by(events.c.day, events.c.kind).order_by(events.c.day, events.c.kind)).all()
            acked = conn.execute(select(stations.c.acked_seq).where(stations.c.id == station_id)).scalar_one()
        return {"days": [[r[0], r[1], int(r[2]), int(r[3])] for r in rows], "acked_seq": acked, "hub_time": self.now()}

    # -- the dashboard -----------------------------------------------------------------

    def station_rows(self) -> list[dict[str, Any]]:
        """Every station with its last sync, backlog and warnings (for county staff)."""
        with reading(self.engine) as conn:
            open_counts: dict[str, int] = dict(conn.execute(select(flags.c.station_id, func.count()).where(flags.c.cleared_at.is_(None))
                                            .group_by(flags.c.station_id)).all())
            enrolled = {r.station_id for r in conn.execute(select(tokens.c.station_id).where(tokens.c.revoked_at.is_(None)))}
            out = []
            for r in conn.execute(select(stations).order_by(stations.c.name)):
                warnings = []
                if abs(r.clock_offset_ms) > CLOCK_WARNING_MS:
                    warnings.append(f"clock off by {abs(r.clock_offset_ms) // 60000} min")
                if open_counts.get(r.id):
                    warnings.append(f"{open_counts[r.id]} flagged records")
                if r.warning:
                    warnings.append(r.warning)
                out.append({"id": r.id, "name": r.name, "village": r.village, "acked_seq": r.acked_seq,
                            "pending": max(0, r.station_head - r.acked_seq), "last_push_at": r.last_push_at,
                            "last_seen_at": r.last_seen_at, "clock_offset_ms": r.clock_offset_ms,
                            "open_flags": open_counts.get(r.id, 0), "enrolled": r.id in enrolled,
                            "warnings": warnings})
        return out


def _bad_code() -> HubError:
    """The one refusal of an enrollment, whatever was wrong (no such code, expired, used,
    revoked, a retry without the proof): it never confirms that a code was real."""
    return HubError(401, p.BAD_CODE, "this enrollment code cannot be used: ask the county office for a new one")


def _chunks(batch: p.Batch, size: int) -> list[p.Batch]:
    """The batch as consecutive batches of at most `size` events (the placements go with the last)."""
    if len(batch.events) <= size:
        return [batch]
    parts = []
    for i in range(0, len(batch.events), size):
        part = batch.events[i:i + size]
        last = i + size >= len(batch.events)
        parts.append(p.Batch(part[0].seq, part[0].prev_hash, part[-1].hash, part, batch.instance_id,
                             batch.placements if last else [], batch.payload_texts[i:i + size], batch.days[i:i + size]))
    return parts


def raise_flag(conn: Connection, station_id: str, seq: int, entity_id: str, kind: str, reason: str, message: str,
               params: dict[str, Any], now: str) -> int:
    """Raise a flag on one of a station's records from a hub service (it travels to the station
    like the inspectors' flags: 有警告, with the reason), inside the caller's transaction.
    Returns its hub_seq."""
    hub_seq = next_hub_seqs(conn)
    payload = {"seq": seq, "kind": kind, "reason": reason, "message": message, "params": params}
    conn.execute(insert(changes).values(hub_seq=hub_seq, station_id=station_id, kind=FLAG_RAISED,
                                        entity_id=entity_id, payload=canonical(payload), hub_time=now))
    conn.execute(insert(flags).values(hub_seq=hub_seq, station_id=station_id, seq=seq, entity_id=entity_id, kind=kind,
                                      reason=reason, message=message.format(**params) if params else message,
                                      raised_at=now))
    return hub_seq


def clear_flags(conn: Connection, station_id: str, entity_id: str, reason: str, seq: int, now: str) -> int:
    """Settle a hub service's open flags of `reason` on one record (the station hears of it on its
    next pull), inside the caller's transaction. Returns how many."""
    numbers = [r.hub_seq for r in conn.execute(select(flags.c.hub_seq).where(and_(
        flags.c.station_id == station_id, flags.c.entity_id == entity_id, flags.c.reason == reason,
        flags.c.cleared_at.is_(None))))]
    if not numbers:
        return 0
    conn.execute(update(flags).where(flags.c.hub_seq.in_(numbers)).values(cleared_at=now))
    conn.execute(insert(changes).values(hub_seq=next_hub_seqs(conn), station_id=station_id, kind=FLAG_CLEARED,
                                        entity_id=entity_id, hub_time=now,
                                        payload=canonical({"flags": [f"hub:{n}" for n in numbers], "seq": seq})))
    return len(numbers)


def publish(conn: Connection, kind: str, entity_id: str, payload: dict[str, Any], station_id: str | None,
            now: str) -> int:
    """Queue a county change inside an open write transaction (for hub services)."""
    seq = next_hub_seqs(conn)
    conn.execute(insert(changes).values(hub_seq=seq, station_id=station_id, kind=kind, entity_id=entity_id,
                                        payload=canonical(payload), hub_time=now))
    return seq


EventRow = tuple[str, int, str, str, str, str, str, str, str, str, str, str, int, str]  # as EVENT_COLUMNS
EVENT_COLUMNS = ("station_id", "seq", "id", "kind", "entity_id", "payload", "operator_id", "station_time", "hlc",
                 "prev_hash", "hash", "day", "money", "received_at")
_INSERT_EVENTS = f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(EVENT_COLUMNS))})"
_COPY_EVENTS = f"COPY events ({', '.join(EVENT_COLUMNS)}) FROM STDIN"


def _among(conn: Connection, column: ColumnElement[str], values: set[str]) -> ColumnElement[bool]:
    """`column IN values`. On PostgreSQL as `= ANY(one array)`: the same statement text whatever
    the number of values, so it is parsed and prepared once, not once per size of a push."""
    if is_sqlite_conn(conn):
        return column.in_(values)
    return column == any_(bindparam("among", sorted(values), type_=ARRAY(String), unique=True))


def _event_rows(station_id: str, batch: p.Batch, new: list[Event], now: str) -> list[EventRow]:
    """The `events` rows of the batch's new events. The payload text and the day are the ones
    `decode_batch` worked out (the text the chain hash covers), else worked out here."""
    kept = len(batch.payload_texts) == len(batch.days) == len(batch.events)
    rows = []
    for ev in new:
        i = ev.seq - batch.first_seq
        rows.append((station_id, ev.seq, ev.id, ev.kind, ev.entity_id,
                     batch.payload_texts[i] if kept else canonical(ev.payload), ev.operator_id, ev.station_time,
                     ev.hlc, ev.prev_hash, ev.hash, batch.days[i] if kept else p.day_of(ev.hlc, ev.station_time),
                     p.money_of(ev.payload), now))
    return rows


def _append(conn: Connection, rows: list[EventRow]) -> None:
    """Store the rows in the open transaction in one go: on PostgreSQL one COPY (one round trip
    for them all), on SQLite one prepared INSERT the driver runs for each row. Like an INSERT,
    a row the table already holds fails the whole transaction."""
    if is_sqlite_conn(conn):
        conn.exec_driver_sql(_INSERT_EVENTS, rows)
        return
    driver = conn.connection.driver_connection  # psycopg 3: the connection of this transaction
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(_COPY_EVENTS) as copy:
        for row in rows:
            copy.write_row(row)


def _row_event(r: Any) -> Event:
    return Event(seq=r.seq, id=r.id, kind=r.kind, entity_id=r.entity_id, payload=json.loads(r.payload),
                 operator_id=r.operator_id, station_time=r.station_time, hlc=r.hlc, prev_hash=r.prev_hash, hash=r.hash)

