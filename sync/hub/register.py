"""The county's poverty register (建档立卡贫困户) on the hub: imported from the county's file,
kept without a whole ID number in the clear, and sent to each station as what recognising a
member there needs (`county.register_household`, `station_app.core.register`).

    station-hub upload poverty-register FILE.csv     POST /county/uploads/poverty-register

One row per member: 户编号, 姓名, 身份证号, 村 (name or 12-digit code, from the county's village
list: `sync.hub.villages`), 脱贫状态 (未脱贫 / 已脱贫 / 监测户), 示范户 (是/否). Each ID number is
checked (GB 11643) and then kept only as: the last four characters, a county hash (HMAC under a
key derived from the hub's secret: one member once), and the number sealed with another such key
(ChaCha20-Poly1305), so that a station whose ID key is escrowed later can still be sent its
hashes. A reader of hub.db without the hub's secret file learns no number.

Each station gets the households of the villages it serves (its villages, and the villages its
registered people live in), each member as `identity.id_hash(number, that station's key)`
(`sync.hub.id_keys`), the last four characters and the name with all but its first character
hidden: equal to the hash the station stores for a person registered there with that number.
A station without an escrowed key gets nothing until it has synced once (the dashboard says so).
A household is sent again only when what the station would get changes; one that left the
register (or the villages it serves) is sent as removed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from sqlalchemy import Connection, and_, delete, insert, select, update

from station_app.core import identity, reports
from station_app.core import register as station_register
from station_app.core import villages as station_villages
from station_app.errors import UserError, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub import id_keys
from sync.hub.csv_files import UploadReport, read_table, why
from sync.hub.db import reading, stations, writing
from sync.hub.evidence_db import (
    ensure_evidence_tables,
    register_households,
    register_members,
    register_sent,
)
from sync.hub.health import station_health
from sync.hub.places import place_key
from sync.hub.shadows import FoldError, Shadows
from sync.hub.store import Hub, publish
from sync.hub.villages import all_villages, served_villages

HOUSEHOLD = "county.register_household"
COLUMNS: dict[str, tuple[str, ...]] = {
    "household_no": ("户编号", "户号", "家庭编号", "household_no"),
    "name": ("姓名", "成员姓名", "name"),
    "id_number": ("身份证号", "证件号码", "身份证号码", "id_number"),
    "village": ("村", "行政村", "村代码", "所在村", "village"),
    "status": ("脱贫状态", "贫困户状态", "status"),
    "model": ("示范户", "是否示范户", "model"),
}
REQUIRED = ("household_no", "name", "id_number", "village")
STATUS_WORDS = {"未脱贫": station_register.POOR, "贫困户": station_register.POOR, "": station_register.POOR,
                "已脱贫": station_register.LIFTED, "脱贫户": station_register.LIFTED, "监测户": station_register.MONITORED,
                "脱贫不稳定户": station_register.MONITORED, "边缘易致贫户": station_register.MONITORED,
                **{k: k for k in station_register.STATUSES}}
YES, NO = {"是", "Y", "y", "yes", "1", "示范户", "√"}, {"", "否", "N", "n", "no", "0"}

NO_HOUSEHOLD = QT_TRANSLATE_NOOP("errors", "The row has no household number (at most 40 characters)")
NO_NAME = QT_TRANSLATE_NOOP("errors", "The member has no name")
NO_VILLAGES = QT_TRANSLATE_NOOP("errors", "Import the county's villages first: the register names villages by them")
UNKNOWN_VILLAGE = QT_TRANSLATE_NOOP("errors", "Village '{village}' is not in the county's village list")
BAD_STATUS = QT_TRANSLATE_NOOP("errors", "脱贫状态 '{text}' must be 未脱贫, 已脱贫 or 监测户")
BAD_MODEL = QT_TRANSLATE_NOOP("errors", "示范户 '{text}' must be 是 or 否")
SAME_PERSON = QT_TRANSLATE_NOOP("errors", "This ID number is already on line {line}")
OTHER_HOUSEHOLD_DATA = QT_TRANSLATE_NOOP("errors", "Household {household} has another village, status or mark on "
                                                   "line {line}")
NOT_SENT = QT_TRANSLATE_NOOP("errors", "Lines {lines} are refused: nothing was imported. Fix them and upload the "
                                       "register again.")
NOBODY_SERVES = QT_TRANSLATE_NOOP("dashboard", "no station serves {village} yet")
HOUSEHOLD_LINE = QT_TRANSLATE_NOOP("dashboard", "household {number}: {names}, {status}{model}")


def _key(hub: Hub, purpose: bytes) -> bytes:
    return hmac.new(hub.secret, b"village-station register " + purpose, hashlib.sha256).digest()


def county_hash(hub: Hub, number: str) -> str:
    return hmac.new(_key(hub, b"hash"), number.encode("ascii"), hashlib.sha256).hexdigest()


def _seal(hub: Hub, number: str, aad: str) -> bytes:
    nonce = os.urandom(12)
    return nonce + ChaCha20Poly1305(_key(hub, b"seal")).encrypt(nonce, number.encode("ascii"), aad.encode())


def _open(hub: Hub, sealed: bytes, aad: str) -> str | None:
    try:
        return ChaCha20Poly1305(_key(hub, b"seal")).decrypt(sealed[:12], sealed[12:], aad.encode()).decode("ascii")
    except (InvalidTag, ValueError):
        return None


def mask_name(name: str) -> str:
    return name[:1] + "*" * (len(name) - 1) if name else ""


@dataclass
class Household:
    line: int
    household_no: str
    village_code: str
    village: str
    status: str
    model: bool
    members: list[tuple[str, str]] = field(default_factory=list)  # (name, number): numbers only while reading


def read_register(conn: Connection, data: bytes) -> tuple[list[Household], list[tuple[int, str]]]:
    """The households of a register file and the rows refused (line, why). Raises FileRefused,
    ValidationError (no village list yet)."""
    table = read_table(data, COLUMNS, REQUIRED)
    villages = all_villages(conn)
    if not villages:
        raise ValidationError(NO_VILLAGES)
    by_code = {v["code"]: v for v in villages}
    by_form: dict[str, list[dict[str, Any]]] = {}
    for v in villages:
        for form in {*station_villages.name_forms(v["name"]), *station_villages.name_forms(v["township"] + v["name"])}:
            by_form.setdefault(form, []).append(v)
    homes: dict[str, Household] = {}
    refused: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        try:
            number_text, name = table.cell(cells, "household_no"), table.cell(cells, "name")
            if not number_text or len(number_text) > 40:
                raise ValidationError(NO_HOUSEHOLD)
            if not name or len(name) > 30:
                raise ValidationError(NO_NAME)
            id_number, _ = identity.check_id_number(table.cell(cells, "id_number"))
            village_text = table.cell(cells, "village")
            village = by_code.get(village_text) or next(
                (found[0] for form in station_villages.name_forms(place_key(village_text))
                 if len(found := by_form.get(form, [])) == 1), None)
            if village is None:
                raise ValidationError(UNKNOWN_VILLAGE, village=village_text or "-")
            status = STATUS_WORDS.get(table.cell(cells, "status"))
            if status is None:
                raise ValidationError(BAD_STATUS, text=table.cell(cells, "status"))
            model_text = table.cell(cells, "model")
            if model_text not in YES | NO:
                raise ValidationError(BAD_MODEL, text=model_text)
            if id_number in seen:
                raise ValidationError(SAME_PERSON, line=seen[id_number])
            home = homes.get(number_text)
            if home and (home.village_code, home.status, home.model) != (village["code"], status, model_text in YES):
                raise ValidationError(OTHER_HOUSEHOLD_DATA, household=number_text, line=home.line)
        except UserError as exc:
            refused.append((line, why(exc)))
            continue
        seen[id_number] = line
        if home is None:
            home = homes[number_text] = Household(line, number_text, village["code"], village["name"], status,
                                                  model_text in YES)
        home.members.append((name, id_number))
    return list(homes.values()), refused


def import_register(hub: Hub, data: bytes, *, shadows: Shadows | None = None, dry_run: bool = False) -> UploadReport:
    """The county's register replaces the hub's (numbers sealed, never stored in the clear) and
    each station gets the households it serves. Raises FileRefused, ValidationError (no village
    list; rows refused, when not `dry_run`: nothing is imported)."""
    ensure_evidence_tables(hub.engine)
    with reading(hub.engine) as conn:
        homes, refused = read_register(conn, data)
        served = served_villages(conn)
        names = {r.id: r.name for r in conn.execute(select(stations.c.id, stations.c.name))}
    report = UploadReport(refused=refused)
    for h in homes:
        at = [names[s] for s, codes in served.items() if h.village_code in codes and s in names]
        status = translate("register", station_register.STATUSES[h.status])
        report.sent.append((h.line, "、".join(at) or translate("dashboard", NOBODY_SERVES).format(village=h.village),
                            translate("dashboard", HOUSEHOLD_LINE).format(
                                number=h.household_no, names="、".join(mask_name(n) for n, _ in h.members),
                                status=status, model="，示范户" if h.model else "")))
    if dry_run or not homes:
        return report
    if refused:
        raise ValidationError(NOT_SENT, lines="、".join(str(n) for n, _ in refused))
    now = hub.now()
    with writing(hub.engine) as conn:
        conn.execute(delete(register_members))
        conn.execute(delete(register_households))
        for h in homes:
            conn.execute(insert(register_households).values(
                household_no=h.household_no, village_code=h.village_code, village=h.village, status=h.status,
                model=int(h.model), imported_at=now))
            for name, number in h.members:
                digest = county_hash(hub, number)
                conn.execute(insert(register_members).values(
                    county_hash=digest, household_no=h.household_no, name_masked=mask_name(name),
                    id_masked=identity.mask_id(number), sealed=_seal(hub, number, digest)))
    send_register(hub, shadows=shadows)
    return report


def _people_villages(shadows: Shadows | None, station_id: str, codes_by_form: dict[str, str]) -> set[str]:
    """The county villages the station's registered people live in (from its shadow)."""
    if shadows is None:
        return set()
    try:
        with shadows.view(station_id) as db:
            texts = [r["village"] for r in db.rows("SELECT DISTINCT village FROM people WHERE village != ''")]
    except (FoldError, OSError):
        return set()
    out = set()
    for text in texts:
        for form in station_villages.name_forms(place_key(text)):
            if form in codes_by_form:
                out.add(codes_by_form[form])
                break
    return out


def send_register(hub: Hub, *, shadows: Shadows | None = None, station: str | None = None) -> dict[str, int]:
    """Send each station (or one) the households it serves, hashed under its escrowed key, and
    removals; only what changed since it was last sent. Returns station id -> households sent."""
    ensure_evidence_tables(hub.engine)
    keys = id_keys.escrowed(hub)
    with reading(hub.engine) as conn:
        served = served_villages(conn)
        villages = all_villages(conn)
        homes = [dict(r._mapping) for r in conn.execute(select(register_households))]
        members: dict[str, list[Any]] = {}
        for m in conn.execute(select(register_members).order_by(register_members.c.household_no,
                                                               register_members.c.id_masked)):
            members.setdefault(m.household_no, []).append(m)
        sent_before = {(r.station_id, r.household_no): r.digest for r in conn.execute(select(register_sent))}
    codes_by_form: dict[str, str] = {}
    for v in villages:
        for form in station_villages.name_forms(v["name"]):
            codes_by_form.setdefault(form, v["code"])
    numbers = {m.county_hash: _open(hub, bytes(m.sealed), m.county_hash) for ms in members.values() for m in ms}
    done: dict[str, int] = {}
    now = hub.now()
    for station_id, codes in served.items():
        if (station and station != station_id) or station_id not in keys:
            continue
        codes = codes | _people_villages(shadows, station_id, codes_by_form)
        key = keys[station_id]
        payloads = {}
        for h in homes:
            if h["village_code"] not in codes:
                continue
            payloads[h["household_no"]] = {
                "household_no": h["household_no"], "village_code": h["village_code"], "village": h["village"],
                "status": h["status"], "model": bool(h["model"]),
                "members": [{"id_hash": identity.id_hash(number, key), "id_masked": m.id_masked,
                             "name_masked": m.name_masked}
                            for m in members.get(h["household_no"], []) if (number := numbers[m.county_hash])]}
        with writing(hub.engine) as conn:
            n = 0
            for number, payload in payloads.items():
                digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
                old = sent_before.get((station_id, number))
                if old == digest:
                    continue
                publish(conn, HOUSEHOLD, number, payload, station_id, now)
                _mark(conn, station_id, number, digest, old is not None)
                n += 1
            for (st, number), old in sent_before.items():
                if st == station_id and number not in payloads and old != "removed":
                    publish(conn, HOUSEHOLD, number, {"removed": True}, station_id, now)
                    _mark(conn, station_id, number, "removed", True)
                    n += 1
        done[station_id] = n
    return done


def _mark(conn: Connection, station_id: str, number: str, digest: str, known: bool) -> None:
    if known:
        conn.execute(update(register_sent).where(and_(register_sent.c.station_id == station_id,
                                                      register_sent.c.household_no == number)).values(digest=digest))
    else:
        conn.execute(insert(register_sent).values(station_id=station_id, household_no=number, digest=digest))


@dataclass(frozen=True)
class RegisterTotals:
    households: int
    members: int
    model: int
    by_status: dict[str, int]
    stations_without_key: list[str]  # names of stations that cannot be sent the register yet


@dataclass(frozen=True)
class Reached:
    """Register households served at any station in the days given (a household served at two
    stations counts once), against the register."""

    households: int
    model: int
    reached: int
    model_reached: int
    left_out: list[str]  # names of stations whose records cannot be counted


def reached(shadows: Shadows, first: date, last: date) -> Reached:
    """Households of the register with a member served at a station in the days given."""
    hub = shadows.hub
    ensure_evidence_tables(hub.engine)
    with reading(hub.engine) as conn:
        homes = {r.household_no: bool(r.model) for r in conn.execute(select(register_households))}
    served: set[str] = set()
    left_out: list[str] = []
    for h in station_health(hub):
        if not h.acked_seq:
            continue
        try:
            with shadows.view(h.id) as db:
                member_of = dict(station_register.members_here(db))
                served |= {member_of[who] for who, _, _ in reports.served(db, first, last) if who in member_of}
        except FoldError:
            left_out.append(h.name)
    served &= set(homes)
    return Reached(len(homes), sum(homes.values()), len(served), sum(homes[n] for n in served), left_out)


def totals(hub: Hub) -> RegisterTotals:
    ensure_evidence_tables(hub.engine)
    keys = id_keys.escrowed(hub)
    with reading(hub.engine) as conn:
        homes = conn.execute(select(register_households.c.status, register_households.c.model)).all()
        members = len(conn.execute(select(register_members.c.county_hash)).all())
        missing = [r.name for r in conn.execute(select(stations.c.id, stations.c.name)) if r.id not in keys]
    by_status: dict[str, int] = {}
    for h in homes:
        by_status[h.status] = by_status.get(h.status, 0) + 1
    return RegisterTotals(len(homes), members, sum(h.model for h in homes), by_status, missing)
