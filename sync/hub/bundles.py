"""USB-stick bundles at the county centre (DESIGN §6, "Sync without a link"): the courier brings a
stick with the bundles of every station on the route (`sync.bundle`); the hub imports each, then
writes a return bundle per station onto the same stick.

- **Import** (`import_bundle`): the bundle must be for this county (sealed to its key) and signed
  by a key the station registered with a token the county has not revoked; it is checked whole
  before anything is stored. Then exactly what an HTTP push does: each body is inflated and
  decoded within the hub's limits (`protocol.unpack`, `protocol.decode_batch`) and stored by
  `Hub.ingest` (seq continues, prev_hash matches, a replay changes nothing, a fork is refused
  and flagged); then the evidence files, by `evidence.store`.
- **Return** (`write_return`): for the station, from the cursor its bundle carried, the county's
  changes as a pull pages them (`Hub.changes_page`), the hub's ack with its chain hash, the
  evidence files it holds, the reconcile of the days the bundle carried, and a refusal if there
  was one; sealed to the station's key, signed with the county's.
- **A stick** (`import_stick`, `station-hub import-bundle DIR` and the dashboard's 同步包 page):
  every bundle for the county on it, oldest first, then one return bundle per station.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Engine,
    MetaData,
    String,
    Table,
    Text,
    insert,
    select,
    update,
)

from station_app.errors import UserError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from station_app.ids import new_id
from sync import bundle
from sync import protocol as p
from sync.bundle import BundleError, Part, Sealed
from sync.hub import bundle_keys, evidence
from sync.hub.db import reading, stations, writing
from sync.hub.service_db import ensure_once
from sync.hub.store import Hub, HubError

metadata = MetaData()

imports = Table(
    "bundle_imports", metadata,
    Column("bundle_id", String(40), primary_key=True),
    Column("station_id", String(40), nullable=False, index=True),
    Column("file_name", String(200), nullable=False),
    Column("made_at", String(30), nullable=False),  # the station's time it was written
    Column("imported_at", String(30), nullable=False),  # the first import
    Column("last_import_at", String(30), nullable=False),
    Column("times", BigInteger, nullable=False),
    Column("first_seq", BigInteger, nullable=False),
    Column("last_seq", BigInteger, nullable=False),
    Column("new_events", BigInteger, nullable=False),  # stored by the first import (a replay stores none)
    Column("files", BigInteger, nullable=False),
    Column("result", String(30), nullable=False),  # "ok" or the refusal's code
    Column("message", Text, nullable=False),
    Column("signer", String(32), nullable=False),  # the station key it was signed with: the return is sealed to it
    Column("cursor", BigInteger, nullable=False),  # the station's cursor of county data
    Column("asked", Text, nullable=False),  # JSON: evidence files the station wants confirmed
    Column("days", Text, nullable=False),  # JSON: [first, last] day of its records, or null
)

IMPORTED = QT_TRANSLATE_NOOP("hub_bundles", "{name}: {station}, records {first}-{last}: {new} new, {files} files")
NOTHING_NEW = QT_TRANSLATE_NOOP("hub_bundles", "{name}: {station}: nothing new (imported before, or already sent "
                                               "over the network)")
REPLAYED = QT_TRANSLATE_NOOP("hub_bundles", "{name}: {station}: this bundle was imported before ({when}): nothing new")
REFUSED = QT_TRANSLATE_NOOP("hub_bundles", "{name}: {station}: REFUSED: {why}")
RETURN = QT_TRANSLATE_NOOP("hub_bundles", "return bundle for {station}: {file} ({changes} county changes)")
RETURN_FAILED = QT_TRANSLATE_NOOP("hub_bundles", "no return bundle for {station}: {why}")
NO_BUNDLE = QT_TRANSLATE_NOOP("hub_bundles", "no bundle for the county in {folder}")
BODY_TOO_LARGE = "a body over the hub's limit"
_SHA256 = re.compile(evidence.SHA256)


@dataclass
class Imported:
    """What importing one bundle did."""

    name: str
    station_id: str = ""
    station: str = ""  # the registered name
    bundle_id: str = ""
    made_at: str = ""
    first_seq: int = 0
    last_seq: int = 0
    new_events: int = 0
    files: int = 0
    ok: bool = False
    replayed_at: str | None = None  # imported before, at this time
    refusal: dict[str, Any] | None = None  # the county refused the station's records: {code, seq, message}
    error: str = ""  # why nothing was imported (words a person can act on)

    @property
    def line(self) -> str:
        """One line for people, in the hub's language."""
        if self.error:
            return self.error
        if self.refusal:
            return _t(REFUSED, name=self.name, station=self.station, why=self.refusal["message"])
        if self.replayed_at and not self.new_events:
            return _t(REPLAYED, name=self.name, station=self.station, when=self.replayed_at[:16])
        if not self.new_events and not self.files:
            return _t(NOTHING_NEW, name=self.name, station=self.station)
        return _t(IMPORTED, name=self.name, station=self.station, first=self.first_seq, last=self.last_seq,
                  new=self.new_events, files=self.files)


@dataclass
class StickReport:
    imported: list[Imported] = field(default_factory=list)
    returns: list[str] = field(default_factory=list)  # one line per station answered (or not)
    return_files: list[Path] = field(default_factory=list)
    skipped: int = 0  # files on the stick that are not bundles for the county (return bundles, others)

    @property
    def ok(self) -> bool:
        return all(i.ok and not i.refusal for i in self.imported) and len(self.return_files) == len(self.returns)


def _t(text: str, /, **params: Any) -> str:
    return translate("hub_bundles", text).format(**params)


def ensure_table(engine: Engine) -> None:
    ensure_once(engine, metadata)
    bundle_keys.ensure_table(engine)


# -- import ---------------------------------------------------------------------------------------


def import_bundle(hub: Hub, path: Path) -> Imported:
    """Import one bundle for the hub (module docstring). Never raises for the bundle's content:
    what went wrong is in the result (`error`: nothing was imported; `refusal`: the hub refused
    the station's records as it refuses a push, and the station hears it in the return)."""
    result = Imported(path.name)
    try:
        sealed = bundle.peek(path)
        if sealed.kind != bundle.TO_HUB:
            raise BundleError("not_a_bundle", name=path.name)
        _import(hub, sealed, result)
    except UserError as exc:
        result.error = str(exc)
    return result


def _import(hub: Hub, sealed: Sealed, result: Imported) -> None:
    county = bundle_keys.county_keys(hub)
    ensure_table(hub.engine)
    result.station_id, result.bundle_id, result.made_at = sealed.station, str(sealed.header.get("bundle", "")), \
        sealed.made_at
    if sealed.county != county.public.fingerprint:
        raise BundleError("other_county", name=sealed.name)
    with reading(hub.engine) as conn:
        st = conn.execute(select(stations.c.name, stations.c.station_head).where(stations.c.id == sealed.station)).first()
        seen = conn.execute(select(imports).where(imports.c.bundle_id == result.bundle_id)).first()
    if st is None or not result.bundle_id or len(result.bundle_id) > 40:
        raise BundleError("unknown_station", name=sealed.name, station=sealed.station[:40])
    result.station = st.name
    key = bundle_keys.key_of(hub, sealed.station, sealed.signer)
    if key is None:
        raise BundleError("unknown_key", name=sealed.name, station=st.name)
    if key.revoked:
        raise BundleError("revoked", name=sealed.name, station=st.name)
    if seen is not None and seen.station_id == sealed.station:
        result.replayed_at = seen.imported_at
    with bundle.opened(sealed, key.keys, county) as frames:
        first = next(frames, None)
        if first is None:
            raise BundleError("damaged", name=sealed.name)
        manifest = bundle.read_manifest(*first, sealed.name)
        try:
            cursor, head = int(manifest["cursor"]), int(manifest["head"])
            asked = [d for d in manifest.get("asked", []) if isinstance(d, str) and _SHA256.match(d)]
            days = manifest.get("days") if isinstance(manifest.get("days"), list) else None
        except (KeyError, TypeError, ValueError):
            raise BundleError("damaged", name=sealed.name) from None
        if manifest.get("station") != sealed.station:
            raise BundleError("damaged", name=sealed.name)
        _seen(hub, sealed.station, head)
        for kind, payload in frames:
            if kind == bundle.BODY and result.refusal is None:
                _push(hub, sealed.station, payload, result)
            elif kind == bundle.FILE and result.refusal is None:
                digest, data = bundle.evidence_frame(payload)
                # a file no stored record names (its record was refused) is left: the station sends it again
                with contextlib.suppress(HubError):
                    result.files += evidence.store(hub, sealed.station, digest, data)
    result.ok = True
    _record(hub, sealed, result, cursor, asked, days)


def _push(hub: Hub, station_id: str, body: bytes, result: Imported) -> None:
    """One push body, as `POST /v1/stations/{id}/events` takes it (the same limits and checks)."""
    try:
        if len(body) > hub.max_body:
            raise p.TooLarge(BODY_TOO_LARGE)
        batch = p.decode_batch(p.unpack(body, limits=hub.limits), hub.limits)
        before = _acked(hub, station_id)
        answer = hub.ingest(station_id, batch)
    except (p.Malformed, p.TooLarge) as exc:
        result.refusal = {"code": p.MALFORMED, "seq": "?", "message": str(exc)[:200]}
        return
    except HubError as exc:
        result.refusal = {"code": exc.code, "seq": exc.extra.get("seq", "?"), "message": exc.message[:200],
                          "acked_seq": exc.extra.get("acked_seq")}
        return
    result.first_seq = result.first_seq or batch.first_seq
    result.last_seq = batch.last_seq
    result.new_events += max(0, int(answer["acked_seq"]) - max(before, batch.first_seq - 1))


def _acked(hub: Hub, station_id: str) -> int:
    with reading(hub.engine) as conn:
        return int(conn.execute(select(stations.c.acked_seq).where(stations.c.id == station_id)).scalar_one())


def _seen(hub: Hub, station_id: str, head: int) -> None:
    """The county heard from the station now; its head as it reported (never lowered: an old
    bundle imported late is not an old copy of the station's file)."""
    with writing(hub.engine) as conn:
        row = conn.execute(select(stations.c.station_head).where(stations.c.id == station_id)).one()
        conn.execute(update(stations).where(stations.c.id == station_id)
                     .values(last_seen_at=hub.now(), station_head=max(int(row.station_head), head)))


def _record(hub: Hub, sealed: Sealed, result: Imported, cursor: int, asked: list[str], days: Any) -> None:
    now = hub.now()
    code = str(result.refusal["code"]) if result.refusal else "ok"
    message = result.refusal["message"] if result.refusal else ""
    with writing(hub.engine) as conn:
        row = conn.execute(select(imports.c.times).where(imports.c.bundle_id == result.bundle_id)).first()
        if row is None:
            conn.execute(insert(imports).values(
                bundle_id=result.bundle_id, station_id=sealed.station, file_name=sealed.name[:200],
                made_at=sealed.made_at[:30], imported_at=now, last_import_at=now, times=1,
                first_seq=result.first_seq, last_seq=result.last_seq, new_events=result.new_events, files=result.files,
                result=code, message=message, signer=sealed.signer, cursor=cursor, asked=json.dumps(asked),
                days=json.dumps(days)))
        else:
            conn.execute(update(imports).where(imports.c.bundle_id == result.bundle_id).values(
                last_import_at=now, times=int(row.times) + 1, result=code, message=message, cursor=cursor,
                new_events=imports.c.new_events + result.new_events, files=imports.c.files + result.files))


def recent(hub: Hub, limit: int = 50) -> list[dict[str, Any]]:
    """The latest imports, newest first, with the station's registered name."""
    ensure_table(hub.engine)
    with reading(hub.engine) as conn:
        rows = conn.execute(select(imports, stations.c.name.label("station"))
                            .select_from(imports.outerjoin(stations, stations.c.id == imports.c.station_id))
                            .order_by(imports.c.last_import_at.desc()).limit(limit)).all()
    return [dict(r._mapping) for r in rows]


# -- return bundles -------------------------------------------------------------------------------


def latest_import(hub: Hub, station_id: str) -> Any:
    """The station's newest bundle imported here, or None: the one with the furthest cursor of
    county data (it only grows at the station), then the station's time."""
    ensure_table(hub.engine)
    with reading(hub.engine) as conn:
        return conn.execute(select(imports).where(imports.c.station_id == station_id)
                            .order_by(imports.c.cursor.desc(), imports.c.made_at.desc(),
                                      imports.c.last_import_at.desc()).limit(1)).first()


def return_bundle(hub: Hub, station_id: str) -> tuple[str, bytes, int]:
    """(file name, bytes, county changes) of the return bundle for the station, answering its
    newest bundle imported here. Raises BundleError / HubError when there is none to answer or
    its key was revoked meanwhile."""
    out = io.BytesIO()
    name, changes = _write_return(hub, station_id, lambda head, parts, signer, key: bundle.seal(out, head, parts,
                                                                                                signer, key))
    return name, out.getvalue(), changes


def write_return(hub: Hub, station_id: str, folder: Path) -> tuple[Path, int]:
    """Write the return bundle for the station into `folder` (its older ones there go first):
    (the file, county changes in it). Raises BundleError (stick_full, stick_gone, revoked)."""
    for old in bundle.bundles_of(folder, station_id, bundle.TO_STATION):
        with contextlib.suppress(OSError):
            old.unlink()
    written: list[Path] = []

    def write(head: bytes, parts: list[Part], signer: bundle.KeyPair, key: bundle.PublicKeys) -> None:
        made_at = str(json.loads(head)["made_at"])
        path = folder / bundle.bundle_name(bundle.TO_STATION, station_id, made_at)
        bundle.write_atomically(path, lambda out: bundle.seal(out, head, parts, signer, key))
        written.append(path)

    _, changes = _write_return(hub, station_id, write)
    return written[0], changes


def _write_return(hub: Hub, station_id: str, write: Any) -> tuple[str, int]:
    row = latest_import(hub, station_id)
    if row is None:
        raise HubError(404, "not_found", "no bundle of this station was imported here")
    key = bundle_keys.key_of(hub, station_id, row.signer)
    if key is None or key.revoked:
        raise BundleError("revoked", name=row.file_name, station=station_id)
    county = bundle_keys.county_keys(hub)
    pages, after, more = [], int(row.cursor), True
    while more:
        page = hub.changes_page(station_id, after, p.MAX_PAGE)
        pages.append(page)
        after, more = int(page["next"]), bool(page["more"])
    with reading(hub.engine) as conn:
        st = conn.execute(select(stations.c.acked_seq, stations.c.head_hash).where(stations.c.id == station_id)).one()
    days = json.loads(row.days)
    refusal = None if row.result == "ok" else {"code": row.result, "message": row.message}
    if refusal and row.result == p.GAP:
        refusal["acked_seq"] = int(st.acked_seq)
    now = hub.now()
    manifest = {"station": station_id, "acked_seq": int(st.acked_seq), "head_hash": st.head_hash,
                "after": int(row.cursor), "next": after, "hub_time": now, "heard_at": row.last_import_at,
                "answers": [row.bundle_id], "refused": refusal,
                "held": sorted(evidence.held(hub, station_id, json.loads(row.asked))),
                "reconcile": ({"from": days[0], "to": days[1], "days": hub.reconcile(station_id, days[0], days[1])["days"]}
                              if isinstance(days, list) and len(days) == 2 else None)}
    parts = [bundle.manifest_part(manifest), *(Part(bundle.CHANGES, p.pack(page)) for page in pages)]
    changes = sum(len(page["changes"]) for page in pages)
    head = bundle.header_bytes({"kind": bundle.TO_STATION, "county": county.public.fingerprint,
                                "station": station_id, "signer": county.public.fingerprint, "bundle": new_id(),
                                "made_at": now, "after": int(row.cursor), "next": after, "changes": changes}, parts)
    write(head, parts, county, key.keys)
    return bundle.bundle_name(bundle.TO_STATION, station_id, now), changes


# -- a stick --------------------------------------------------------------------------------------


def import_stick(hub: Hub, folder: Path, *, before_returns: Any = None, returns: bool = True) -> StickReport:
    """Import every bundle for the county in `folder` (each station's oldest first), then write a
    return bundle for each station whose bundle was read (refused ones included: the station
    must hear of it), unless not `returns` (the dashboard offers them as downloads).
    `before_returns()` runs in between (the dashboard lets the hub's services pay the bills
    first, so their results ride back on this trip). Raises BundleError no_folder."""
    report = StickReport()
    found: list[Sealed] = []
    for path in bundle.bundles_in(folder):
        try:
            sealed = bundle.peek(path)
        except BundleError as exc:
            report.imported.append(Imported(path.name, error=str(exc)))
            continue
        if sealed.kind == bundle.TO_HUB:
            found.append(sealed)
        else:
            report.skipped += 1
    for sealed in sorted(found, key=_in_chain_order):
        report.imported.append(import_bundle(hub, sealed.path))
    if before_returns is not None:
        before_returns()
    if not returns:
        return report
    answered = list(dict.fromkeys(i.station_id for i in report.imported if i.ok))
    for station_id in answered:
        name = next(i.station for i in report.imported if i.station_id == station_id)
        try:
            path, changes = write_return(hub, station_id, folder)
        except (UserError, HubError) as exc:
            report.returns.append(_t(RETURN_FAILED, station=name, why=getattr(exc, "message", str(exc))
                                     if isinstance(exc, HubError) else str(exc)))
            continue
        report.return_files.append(path)
        report.returns.append(_t(RETURN, station=name, file=path.name, changes=changes))
    return report


def _in_chain_order(sealed: Sealed) -> tuple[str, int, int, str, str]:
    """Each station's bundles by where they start in its chain, never by the station's clock (a PC
    with a flat CMOS battery may date a newer bundle 2009)."""
    def seq(name: str) -> int:
        value = sealed.header.get(name)
        return value if isinstance(value, int) else 0
    return sealed.station, seq("first_seq"), seq("last_seq"), sealed.made_at, sealed.name


# -- `station-hub import-bundle` ------------------------------------------------------------------


def add_command(sub: Any, common: argparse.ArgumentParser) -> None:
    b = sub.add_parser("import-bundle", parents=[common],
                       help="import the stations' sync bundles on a USB stick and write their return bundles onto it")
    b.add_argument("folder", type=Path, metavar="DIR", help="the stick (or a folder) with the bundles")
    b.add_argument("--secret-file", type=Path, help="the hub's secret, as `serve` uses it (the county's keys come "
                                                    "from it)")
    b.add_argument("--json", action="store_true", help="print one JSON object with the result")


def cmd_import_bundle(args: argparse.Namespace) -> int:
    """Exit 0 when every bundle was imported and answered, 2 when one was refused or could not
    be read (each says why on stderr), 1 when the folder cannot be used."""
    from sync.hub.db import open_hub

    hub = Hub(open_hub(args.db), secret_file=args.secret_file)
    try:
        report = import_stick(hub, args.folder)
    except UserError as exc:
        print(f"station-hub import-bundle: {exc}", file=sys.stderr)
        return 1
    finally:
        hub.engine.dispose()
    if args.json:
        print(json.dumps({"ok": report.ok, "bundles": [i.__dict__ for i in report.imported],
                          "returns": [str(f) for f in report.return_files], "skipped": report.skipped},
                         ensure_ascii=False, default=str))
    for item in report.imported:
        print(item.line, file=sys.stdout if item.ok and not item.refusal else sys.stderr)
    for line in report.returns:
        print(line)
    if not report.imported:
        print("station-hub import-bundle: " + _t(NO_BUNDLE, folder=args.folder), file=sys.stderr)
    return 0 if report.ok else 2
