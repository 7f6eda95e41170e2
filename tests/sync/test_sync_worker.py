"""The Qt wrapper runs sync on its own thread and tells the status bar what happened."""

import json

import pytest
from PySide6.QtCore import QThread

from station_app.core import sync_state as state
from station_app.ui.sync_worker import IDLE, OFFLINE, REFUSED, SyncWorker


@pytest.fixture
def worker(enrolled):
    w = SyncWorker(enrolled.path, start_delay_s=3600)
    yield w
    w.stop()


def test_sync_now_runs_a_cycle_on_the_worker_thread(qtbot, worker, enrolled):
    seen = {name: [] for name in ("state", "status", "report", "pending", "last_sync", "offset", "changed")}
    worker.state_changed.connect(seen["state"].append)
    worker.status.connect(seen["status"].append)
    worker.finished_cycle.connect(seen["report"].append)
    worker.pending.connect(seen["pending"].append)
    worker.last_sync.connect(seen["last_sync"].append)
    worker.clock_offset.connect(seen["offset"].append)
    worker.changed.connect(seen["changed"].append)
    worker.start()
    qtbot.waitUntil(lambda: bool(seen["status"]), timeout=10_000)  # the status bar is filled at once
    worker.sync_now()
    qtbot.waitUntil(lambda: IDLE in seen["state"] and bool(seen["last_sync"]), timeout=30_000)
    report = seen["report"][0]
    assert report.pending == 0 and report.acked_seq > 0
    assert seen["pending"][-1] == 0 and seen["offset"] and seen["changed"]
    assert worker.ran_on is not None and worker.ran_on is not QThread.currentThread()
    assert seen["state"][:2] == ["syncing", IDLE]
    assert state.pending_count(enrolled) == 0


def test_a_refusal_is_announced_loudly(qtbot, worker, live_hub, enrolled):
    live_hub.hub.revoke(enrolled.local(state.STATION_ID))
    states = []
    worker.state_changed.connect(states.append)
    worker.start()
    with qtbot.waitSignal(worker.refused, timeout=30_000) as blocker:
        worker.sync_now()
    code, message = blocker.args
    assert code == "bad_token" and message
    qtbot.waitUntil(lambda: state.status(enrolled).needs_person, timeout=5_000)
    qtbot.waitUntil(lambda: REFUSED in states, timeout=5_000)
    assert worker.isRunning()  # it keeps going; a person fixes the key, then 立即同步 works again


def test_no_link_is_offline_and_retried_later(qtbot, worker, enrolled):
    with enrolled.transaction():
        enrolled.set_local("setting:sync.hub_url", json.dumps("http://127.0.0.1:9"))  # nothing listens there
    states = []
    worker.state_changed.connect(states.append)
    worker.start()
    with qtbot.waitSignal(worker.failed, timeout=60_000) as blocker:
        worker.sync_now()
    assert blocker.args[0] in ("link_down", "timeout")
    qtbot.waitUntil(lambda: OFFLINE in states, timeout=5_000)
    assert state.status(enrolled).last_error and not state.status(enrolled).needs_person
