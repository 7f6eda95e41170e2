"""Item 15 (station side): the sync token was kept in plain text in the station file, so in every
backup. Now it is sealed beside the file (Windows DPAPI; elsewhere a 0600 key file), and a
backup carries no token: restored on this PC it syncs, on another PC it needs enrollment or
the key file.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from station_app import keystore
from station_app.core import sync_state as state
from station_app.core.health import restore
from station_app.db import open_station
from station_app.db.copies import backup
from sync import client, errors
from sync.link import Retry
from sync.testing import stations

FIXTURES = sorted((Path(__file__).resolve().parent.parent / "fixtures").glob("station-v*.sqlite"))


def quick() -> Retry:
    return Retry(attempts=3, base=0.01, cap=0.05)


def raw(path: Path) -> bytes:
    """Every byte of a station file and its WAL, as a thief copying the folder gets them."""
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def test_the_token_is_in_no_station_file_and_no_backup(live_hub, station, tmp_path):
    stations.enroll(live_hub.hub, live_hub.url, station, "幸福村电商服务站")
    token = state.token(station)
    assert token and len(token) > 20
    copy = backup(station, tmp_path / "backups")
    for path in (station.path, copy):
        assert token.encode() not in raw(path), path
    assert token.encode() not in keystore.secrets_path(station.path).read_bytes()  # sealed, not copied
    if os.name == "posix":
        for path in keystore.files(station.path):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert client.sync_once(station, retry=quick()).ok


def test_a_backup_restored_here_syncs_and_elsewhere_needs_enrollment_or_the_key_file(live_hub, station, tmp_path):
    stations.enroll(live_hub.hub, live_hub.url, station, "幸福村电商服务站")
    client.sync_once(station, retry=quick())
    copy = backup(station, tmp_path / "copy.sqlite")
    path = station.path
    station.close()

    restore(copy, path)  # this PC: the sealed token is still beside the file
    here = open_station(path)
    assert client.sync_once(here, retry=quick()).ok
    here.close()

    elsewhere = tmp_path / "other-pc" / "station.sqlite"  # another PC: the copy alone
    restore(copy, elsewhere)
    other = open_station(elsewhere)
    with pytest.raises(errors.Refused) as refused:
        client.sync_once(other, retry=quick())
    assert refused.value.code == "not_enrolled" and not state.status(other).enrolled
    other.close()
    for secret in keystore.files(path):  # ... unless the key file (and its sealed token) comes along
        shutil.copy(secret, elsewhere.with_name(secret.name))
    other = open_station(elsewhere)
    assert state.status(other).enrolled and state.token(other) == keystore.get(path, keystore.TOKEN)
    other.close()


def test_a_key_file_of_another_station_opens_nothing(tmp_path):
    a, b = tmp_path / "a" / "station.sqlite", tmp_path / "b" / "station.sqlite"
    for path, secret in ((a, "token-a"), (b, "token-b")):
        path.parent.mkdir()
        keystore.put(path, keystore.TOKEN, secret)
    shutil.copy(keystore.key_path(b), keystore.key_path(a))  # a's sealed token, b's key
    with pytest.raises(keystore.KeystoreError):
        keystore.get(a, keystore.TOKEN)
    db = open_station(a)
    assert state.token(db) is None  # not enrolled here: the station enrolls again
    db.close()


@pytest.mark.parametrize("fixture", FIXTURES[-1:], ids=lambda p: p.stem)
def test_a_plain_token_of_an_older_version_is_sealed_and_erased_from_the_file(tmp_path, fixture):
    path = tmp_path / "station.sqlite"
    shutil.copy(fixture, path)
    secret = "legacy-token-Vq3xN7pL2mK9sT4wR8yZ"
    old = sqlite3.connect(path)
    old.execute("INSERT INTO local_settings VALUES ('sync.token', ?), ('sync.station_id', 'st-1')", (secret,))
    old.commit()
    old.close()
    db = open_station(path)
    assert state.token(db) == secret and db.local("sync.token") is None
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert secret.encode() not in raw(path)
    # the copy taken before migrating (the old file as it was) and a new backup carry none either
    before = next((tmp_path / "backups").glob("before-migration-*.sqlite"))
    assert secret.encode() not in before.read_bytes()
    assert secret.encode() not in backup(db, tmp_path / "after.sqlite").read_bytes()
    db.close()


def test_windows_seals_with_dpapi(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "win32")
    assert keystore.protector_for(tmp_path / "station.sqlite").name == "dpapi"
    monkeypatch.setattr(sys, "platform", "linux")
    assert keystore.protector_for(tmp_path / "station.sqlite").name == "keyfile"
    with pytest.raises(keystore.KeystoreError):  # sealed by Windows, read elsewhere: enroll again
        keystore.protector_for(tmp_path / "station.sqlite", "dpapi")
