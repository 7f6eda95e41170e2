"""The same hub code on PostgreSQL (a throwaway cluster; skipped only without the server programs)."""

import threading

import pytest

from station_app.core import events, replay
from station_app.core import sync_state as state
from station_app.db import open_station
from sync import client, errors
from sync.testing import stations

from .conftest import SHORT, fast_retry


@pytest.fixture
def pg_enrolled(pg_hub, station):
    stations.enroll(pg_hub.hub, pg_hub.url, station, "幸福村电商服务站")
    return station


@pytest.mark.postgres
def test_sync_refusal_and_restore_on_postgres(pg_hub, pg_enrolled, tmp_path):
    db = pg_enrolled
    pg_hub.hub.push_setting("parcels.overdue_days", 7)
    report = client.sync_once(db, retry=fast_retry(), timeout=SHORT)
    assert report.pending == 0 and report.reconcile["mismatched"] == []
    assert db.value("SELECT value FROM settings WHERE key = 'parcels.overdue_days'") == "7"
    _, code = pg_hub.hub.enroll_code("幸福村电商服务站")
    restored = tmp_path / "new-pc" / "station.sqlite"
    client.restore_from_hub(restored, pg_hub.url, code, retry=fast_retry(), timeout=SHORT)
    copy = open_station(restored)
    assert replay.table_differences(db, copy) == []
    copy.close()
    pg_hub.hub.revoke(db.local(state.STATION_ID))
    with pytest.raises(errors.Refused):
        client.sync_once(db, retry=fast_retry(), timeout=SHORT)
    assert events.last_seq(db) == report.acked_seq


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_concurrent_county_changes_are_never_skipped_by_keyset_paging(backend, request, tmp_path):
    """Writers commit out of order under load; a reader paging by `hub_seq > cursor` must still see all."""
    from sync.testing.live_hub import LiveHub

    url = request.getfixturevalue("pg_cluster").create_database() if backend == "postgres" else \
        f"sqlite:///{tmp_path / 'hub.sqlite'}"
    with LiveHub(url) as live:
        hub = live.hub
        sid, _ = hub.enroll_code("幸福村电商服务站")
        writers_done = threading.Event()

        def write(n):
            for i in range(40):
                hub.publish("county.notice", f"w{n}-{i}", {"i": i}, station_id=sid if i % 2 else None)

        threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
        seen, cursor = [], 0
        for t in threads:
            t.start()
        threading.Thread(target=lambda: ([t.join() for t in threads], writers_done.set()), daemon=True).start()
        while True:
            done = writers_done.is_set()
            page = hub.changes_page(sid, cursor, 7)
            seen += [c["e"] for c in page["changes"]]
            cursor = page["next"]
            if done and not page["more"]:
                break
        assert sorted(seen) == sorted(f"w{n}-{i}" for n in range(4) for i in range(40))
        assert len(seen) == len(set(seen))
