"""Item 4: a villager's ID number cannot be recovered from what the station keeps and syncs.

The attacker of the issue holds the masked form and the stored data (the station file, or a
backup of it) and every event the hub keeps, and tries every candidate number against the
hashes with every secret-looking value found in them. Against the old scheme (6 + 4 digits,
birth year, SHA-256 salted with `id_salt` from `station.created`) it took 66 tries; each test
shows the attack working on that scheme, so it can fail, and failing on what is stored now.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from station_app import keystore
from station_app.core import events, health, identity, people
from station_app.core.identity import id_check_digit
from station_app.core.operators import list_operators
from station_app.db.copies import backup
from station_app.errors import Conflict
from sync import client
from sync.hub.db import events as hub_events
from sync.hub.db import reading
from sync.link import Retry
from sync.testing import stations

NUMBER = "360730198506120435"  # a valid number (GB 11643 check digit): a man born in 1985
HEX = re.compile(r"\b[0-9a-f]{32,64}\b")


def quick() -> Retry:
    return Retry(attempts=3, base=0.01, cap=0.05)


def candidates(masked: str, birth_year: int | None, region: str) -> list[str]:
    """Every number the masked form allows, with the region and (if kept) the birth year given
    to the attacker: the strongest attacker, who knows the village's region code."""
    tail = masked[-4:]
    years = [birth_year] if birth_year else range(1930, 2010)
    out = []
    for year in years:
        day = date(year, 1, 1)
        while day.year == year:
            number = region + day.strftime("%Y%m%d") + tail
            if id_check_digit(number[:17]) == number[17]:
                out.append(number)
            day += timedelta(days=1)
    return out


def secrets_found(*texts: str) -> set[str]:
    """Every hex run in the attacker's material: salts, keys, ids, tokens (tried as keys and salts)."""
    return {m for text in texts for m in HEX.findall(text)}


def attack(masked: str, birth_year: int | None, stored_hash: str, material: set[str], region: str) -> str | None:
    """Try each candidate number with each found value as an HMAC key or a SHA-256 salt."""
    digest = stored_hash.rsplit(":", 1)[-1]
    for number in candidates(masked, birth_year, region):
        for secret in material:
            if hashlib.sha256(f"{secret}:{number}".encode()).hexdigest() == digest:
                return number
            for key in (secret.encode(), bytes.fromhex(secret) if len(secret) % 2 == 0 else b""):
                for body in (number.encode(), b"village-station id v2\x00" + number.encode()):
                    if hmac.new(key, body, hashlib.sha256).hexdigest() == digest:
                        return number
    return None


def file_text(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return "\n".join(str(tuple(r)) for t in [n for (n,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")] for r in conn.execute(f"SELECT * FROM {t}"))
    finally:
        conn.close()


def test_the_attack_recovers_a_number_kept_the_old_way():
    """The attack itself works: on the old scheme it finds the number at once."""
    salt = "5f1c" * 8
    legacy_hash = hashlib.sha256(f"{salt}:{NUMBER}".encode()).hexdigest()
    masked = NUMBER[:6] + "*" * 8 + NUMBER[-4:]
    assert attack(masked, 1985, legacy_hash, {salt}, NUMBER[:6]) == NUMBER
    # and the station's own re-keying recovers it the same way (it has to, once)
    assert identity.recover_legacy_number(masked, 1985, legacy_hash, salt) == NUMBER


def test_an_id_number_cannot_be_recovered_from_the_file_a_backup_and_the_synced_events(live_hub, station, tmp_path):
    manager = list_operators(station)[0]
    person = people.add_person(station, manager, name="赵建华", phone="13912340001", village="幸福村", id_number=NUMBER)
    stations.enroll(live_hub.hub, live_hub.url, station, "幸福村电商服务站")
    client.sync_once(station, retry=quick())
    copy = backup(station, tmp_path / "copy.sqlite")
    with reading(live_hub.hub.engine) as conn:
        synced = [json.loads(r.payload) for r in conn.execute(select(hub_events.c.payload))]
    row = station.row("SELECT * FROM people WHERE id = ?", (person.id,))

    # what is kept: the last four, the sex; no birth year, and no 6-digit region
    assert row["id_masked"] == "*" * 14 + NUMBER[-4:] and row["birth_year"] is None and row["sex"] == "M"
    synced_person = [p for p in synced if p.get("id_masked")]
    assert synced_person and all(set(p) & {"birth_year"} == set() or p["birth_year"] is None for p in synced_person)
    everything = file_text(station.path) + file_text(copy) + json.dumps(synced)
    assert NUMBER not in everything and NUMBER[:6] not in json.dumps(synced_person)

    # the attack, with every hex value of the file, the backup and the hub's events as key or salt
    material = secrets_found(everything)
    assert station.value("SELECT id_salt FROM station") in material  # the old salt is in the material
    assert attack(row["id_masked"], 1985, row["id_hash"], material, NUMBER[:6]) is None

    # the key is in none of them, and not in the backup or the hub database either
    key = keystore.get(station.path, keystore.ID_KEY)
    assert key and key not in everything
    for path in (station.path, copy, Path(str(live_hub.hub.engine.url).removeprefix("sqlite:///"))):
        assert key.encode() not in path.read_bytes() and bytes.fromhex(key) not in path.read_bytes()
    # with the key (this station's own keystore), the station still knows the number again
    with pytest.raises(Conflict):
        people.add_person(station, manager, name="赵建华", id_number=NUMBER.lower())


def test_old_rows_are_re_keyed_once_and_still_recognised(station):
    """A station an older version wrote: the person's event and row carry 6 + 4 digits, the birth
    year and the salted SHA-256. Re-keying recovers the number here and records the new form."""
    manager = list_operators(station)[0]
    salt = station.value("SELECT id_salt FROM station")
    legacy = {"name": "钱秀兰", "phone": None, "village": "幸福村", "sex": "M", "birth_year": 1985,
              "id_masked": NUMBER[:6] + "*" * 8 + NUMBER[-4:],
              "id_hash": hashlib.sha256(f"{salt}:{NUMBER}".encode()).hexdigest(),
              "household_no": None, "categories": [], "note": ""}
    with station.transaction():
        events.record(station, manager.id, "person.added", "0000-legacy-person", legacy, appliers=people.APPLY)
    assert health.check(station) == []

    done = people.rekey_id_numbers(station)
    assert (done.rekeyed, done.unrecoverable) == (1, 0)
    row = station.row("SELECT * FROM people WHERE id = '0000-legacy-person'")
    assert row["id_masked"] == "*" * 14 + NUMBER[-4:] and row["birth_year"] is None
    assert row["id_hash"] == identity.id_hash(NUMBER, identity.id_key(station))
    last = events.events_after(station, events.last_seq(station) - 1)[0]
    assert last.kind == "person.id_rekeyed" and set(last.payload) == {"id_masked", "id_hash"}
    assert people.rekey_id_numbers(station).rekeyed == 0  # once
    with pytest.raises(Conflict):
        people.add_person(station, manager, name="钱秀兰", id_number=NUMBER)
    assert health.full_check(station) == []  # the re-keyed rows are what their events say
