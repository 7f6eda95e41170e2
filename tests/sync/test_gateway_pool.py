"""Two services workers drain the same queue at once, each claiming in batches and sending on a
pool of threads: every notice is handed to the gateway once, every bill paid once, and the
station hears of each once (SQLite: two workers of one hub; PostgreSQL: two hub engines, as two
hub processes, claiming with FOR UPDATE SKIP LOCKED)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from station_app.core import bills, parcels
from sync.hub.bill_payments import process_bills
from sync.hub.billers import SimulatedBiller
from sync.hub.db import changes, open_hub, reading
from sync.hub.service_db import hub_bills, sms_notices
from sync.hub.sms import SENT, SmsMessage, SmsResult, send_notices
from sync.hub.store import Hub
from sync.testing.live_hub import LiveHub

from .fresh import new_station, sync

NOTICES, BILLS = 24, 10


class SlowGateway:
    """An SMS gateway that answers after a few milliseconds (so the workers' batches interleave)
    and counts what it was handed, from any thread."""

    name = "slow"
    concurrency = 3

    def __init__(self) -> None:
        self.handed: Counter[str] = Counter()
        self.lock = threading.Lock()

    def send(self, message: SmsMessage) -> SmsResult:
        time.sleep(0.005)
        with self.lock:
            self.handed[message.notice_id] += 1
        return SmsResult(SENT, gateway_ref=f"slow:{message.notice_id}")


def drain_at_once(hubs: list[Hub], gateway: SlowGateway, biller: SimulatedBiller) -> None:
    """Each hub's worker claims small batches until nothing is due, all at the same time."""
    errors: list[BaseException] = []
    start = threading.Barrier(len(hubs))

    def work(hub: Hub) -> None:
        try:
            start.wait()
            for _ in range(NOTICES):  # bounded: each run leaves the rest to the next
                sms = send_notices(hub, gateway, batch=4, limit=8)
                paid = process_bills(hub, biller, batch=3, pool=2, limit=6)
                if not (sms.more or paid.more):
                    break
        except BaseException as exc:  # reported on the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(hub,)) for hub in hubs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors


def check_drained(live: LiveHub, tmp_path: Path, hubs: list[Hub]) -> None:
    db, manager = new_station(tmp_path / "st", live)
    checked = [parcels.check_in_parcel(db, manager, waybill=f"ZT7301{i:07d}", phone=f"138{i:08d}")
               for i in range(NOTICES)]
    paid = [bills.accept_payment(db, manager, product_id="cmcc.topup", account=f"139{i:08d}", amount=5000).id
            for i in range(BILLS)]
    sync(db)
    gateway = SlowGateway()
    biller = SimulatedBiller(failure_rate=0, pending_rate=0, latency=(0.002, 0.004))

    drain_at_once(hubs, gateway, biller)

    ids = [c.notice.id for c in checked if c.notice is not None]
    assert len(ids) == NOTICES
    assert all(gateway.handed[i] == 1 for i in ids) and sum(gateway.handed.values()) == NOTICES
    assert all(biller.payments_made(b) == 1 for b in paid)
    hub = hubs[0]
    with reading(hub.engine) as conn:
        left = conn.execute(select(func.count()).select_from(sms_notices).where(sms_notices.c.status != SENT)).scalar()
        unpaid = conn.execute(select(func.count()).select_from(hub_bills).where(hub_bills.c.status != "paid")).scalar()
        told = Counter(r.entity_id for r in conn.execute(select(changes.c.entity_id).where(
            changes.c.kind.in_(("county.notice_status", "county.bill_result")))))
    assert (left, unpaid) == (0, 0)
    assert all(told[i] == 1 for i in ids + paid)  # each station told once
    sync(db)
    assert [parcels.notices_for(db, c.parcel_id)[0].status for c in checked] == [SENT] * NOTICES
    assert all(bills.get_bill(db, b).state == bills.PAID for b in paid)
    db.close()


def test_two_workers_drain_one_queue_and_each_notice_and_bill_goes_once(live_hub, tmp_path):
    assert live_hub.hub is not None
    check_drained(live_hub, tmp_path, [live_hub.hub, live_hub.hub])


@pytest.mark.postgres
def test_two_hub_processes_drain_one_postgres_queue_each_notice_and_bill_once(pg_hub, tmp_path):
    assert pg_hub.hub is not None
    other = Hub(open_hub(pg_hub.hub.engine.url.render_as_string(hide_password=False)))
    try:
        check_drained(pg_hub, tmp_path, [pg_hub.hub, other])
    finally:
        other.engine.dispose()
