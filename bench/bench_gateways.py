"""The hub's gateways at a county's scale (issue 20): a county's day of SMS notices and bill
payments, drained through the real senders (`AliyunSms`, `AggregatorBiller`: signed HTTP
calls) against the local fake providers of the gateway tests, each answering every request
after 50-100 ms (`VS_BENCH_LATENCY`, "0.05,0.1"), the way a real provider does.

Printed, on SQLite and on PostgreSQL in the same run (PostgreSQL: two hub "processes", each
its own engine and worker, sharing one queue through `FOR UPDATE SKIP LOCKED`):

- SMS: notices sent per second and the time for `VS_BENCH_NOTICES` (default 60,000, a county
  of 300 stations' day) with the worker as `serve` runs it (batched claims, the sender's pool,
  outcomes written per batch); the baseline, the one-at-a-time worker (`batch=1, pool=1`: one
  claim, one send, one write per notice, what the hub did before), measured in the same run
  on `VS_BENCH_BASELINE` notices (default 300);
- bills: the same for `VS_BENCH_BILLS` bill payments (default 6,000: 20 a station a day;
  each bill is two calls, the balance and the submit);
- at most once: every notice handed to the fake provider exactly once, every bill charged
  exactly once, every station told once.

The queue is filled the way `collect_notices` / `collect_bills` leave it (rows in
`sms_notices` and `hub_bills`; the parcel events that queue them are not rebuilt here).
Goal: 60,000 in ≤ 10 minutes for the SMS, and the bills' day in ≤ 10 minutes. Exits 1 on a miss.
`VS_BENCH_DATABASES` ("sqlite,postgresql") picks the hubs to run.
"""

from __future__ import annotations

import json
import os
import random
import socketserver
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402

from bench.figures import Goals  # noqa: E402
from station_app.clock import iso  # noqa: E402
from station_app.core.parcels.county_sms import county_params, county_text  # noqa: E402
from sync.hub import billers  # noqa: E402
from sync.hub.aggregator import AggregatorBiller  # noqa: E402
from sync.hub.bill_payments import process_bills  # noqa: E402
from sync.hub.db import changes, open_hub, reading, writing  # noqa: E402
from sync.hub.gateway_config import AggregatorConfig, AliyunConfig, Secret  # noqa: E402
from sync.hub.senders.aliyun import AliyunSms  # noqa: E402
from sync.hub.service_db import ensure_tables, hub_bills, sms_notices  # noqa: E402
from sync.hub.sms import QUEUED, send_notices  # noqa: E402
from sync.hub.store import Hub  # noqa: E402
from sync.testing.pg_cluster import PgCluster, unavailable_reason  # noqa: E402
from tests.gateways.fakes import FakeAggregator, FakeAliyun  # noqa: E402

STATIONS, GOAL_S = 300, 600.0
TEMPLATES = {"arrival": "SMS_4601", "reminder": "SMS_4602", "new_code": "SMS_4603"}
socketserver.TCPServer.request_queue_size = 256  # the fakes take as many connections as a provider's front does


def knob(name: str, default: str) -> str:
    return os.environ.get(name, default).strip() or default


NOTICES = int(knob("VS_BENCH_NOTICES", "60000"))
BILLS = int(knob("VS_BENCH_BILLS", "6000"))
BASELINE_N = int(knob("VS_BENCH_BASELINE", "300"))
LOW, HIGH = (float(x) for x in knob("VS_BENCH_LATENCY", "0.05,0.1").split(","))
DATABASES = knob("VS_BENCH_DATABASES", "sqlite,postgresql").lower()  # which hubs to run (both by default)


class Latency:
    """A fake provider's answer time: uniform in [LOW, HIGH] seconds for every request."""

    def __get__(self, owner: object, kind: type | None = None) -> float:
        return random.uniform(LOW, HIGH)

    def __set__(self, owner: object, value: float) -> None:
        pass  # the fake's own default (0) is not ours


class SlowAliyun(FakeAliyun):
    """The fake Alibaba Cloud, slow like the real one, with its records indexed by phone (the
    test fake scans every message it took for each delivery query: at 60,000 messages that
    scan, in this process, would be what the bench measures)."""

    delay = Latency()

    def __init__(self, key_id: str, secret: str) -> None:
        self.by_phone: dict[str, list[dict[str, str]]] = {}
        self.indexed = 0
        self.index_lock = threading.Lock()
        super().__init__(key_id, secret)

    def handle(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        params = dict(parse_qsl(body.decode(), keep_blank_values=True))
        if params.get("Action") != "QuerySendDetails":
            return super().handle(path, headers, body)
        if params.get("Signature") != self.expected_signature(params):
            return 400, b'{"Code": "SignatureDoesNotMatch"}'
        with self.index_lock:
            for s in self.sent[self.indexed:]:
                self.by_phone.setdefault(s["PhoneNumbers"], []).append(s)
            self.indexed += len(self.sent) - self.indexed
            found = list(self.by_phone.get(params.get("PhoneNumber", ""), []))
        records = [{"PhoneNum": s["PhoneNumbers"], "SendStatus": 3, "ErrCode": "DELIVERED", "OutId": s["OutId"],
                    "BizId": s["BizId"], "ReceiveDate": "2026-12-07 10:00:05", "Content": s["TemplateParam"]} for s in found]
        return 200, json.dumps({"Code": "OK", "Message": "OK", "TotalCount": len(records),
                                "SmsSendDetailDTOs": {"SmsSendDetailDTO": records}}, ensure_ascii=False).encode()


class SlowAggregator(FakeAggregator):
    delay = Latency()


def county(url: str) -> tuple[Hub, list[str]]:
    """A hub with a county's stations (enrolled, no events)."""
    hub = Hub(open_hub(url))
    ensure_tables(hub.engine)
    ids = [hub.enroll_code(f"第{k + 1}服务站", f"第{k + 1}村")[0] for k in range(STATIONS)]
    return hub, ids


def queue_notices(hub: Hub, station_ids: list[str], n: int, tag: str) -> list[str]:
    """`n` arrival notices queued as `collect_notices` queues them; their ids."""
    now, rows = iso(hub.clock.now()), list[dict[str, Any]]()
    for i in range(n):
        params = county_params(station=f"第{i % STATIONS + 1}服务站", carrier="中通", code=f"{i % 9 + 1}-{i % 5 + 1}-{i % 9000 + 1000:04d}",
                               hours="08:00-20:00", phone="", days=0)
        phone = f"138{i:08d}"
        rows.append({"id": f"{tag}{i:07d}", "station_id": station_ids[i % STATIONS], "parcel_id": f"P{tag}{i:07d}",
                     "seq": i + 1, "kind": "arrival", "phone": phone, "phone_tail": phone[-4:],
                     "text": county_text("arrival", params), "status": QUEUED, "attempts": 0, "queued_at": now,
                     "next_try_at": None, "detail": "", "gateway_ref": "", "params": json.dumps(params, ensure_ascii=False)})
    for k in range(0, n, 5000):
        with writing(hub.engine) as conn:
            conn.execute(insert(sms_notices), rows[k:k + 5000])
    return [r["id"] for r in rows]


def queue_bills(hub: Hub, station_ids: list[str], n: int, tag: str) -> list[str]:
    """`n` accepted bills as `collect_bills` records them; their request ids."""
    now, rows = iso(hub.clock.now()), list[dict[str, Any]]()
    for i in range(n):
        request_id = f"{tag}{i:07d}"
        rows.append({"request_id": request_id, "station_id": station_ids[i % STATIONS], "seq": i + 1,
                     "product": "cmcc.topup", "account": f"139{i:08d}", "amount": 5000, "status": "new",
                     "sent_status": "", "biller_ref": "", "message": "", "attempts": 0, "created_at": now,
                     "updated_at": now, "order_no": billers.order_number(request_id)})
    for k in range(0, n, 5000):
        with writing(hub.engine) as conn:
            conn.execute(insert(hub_bills), rows[k:k + 5000])
    return [r["request_id"] for r in rows]


def drain(workers: list[Callable[[], bool]]) -> float:
    """Run each worker (True: it stopped with work left) until all are done, each on its own
    thread as a hub process's services worker would; seconds taken."""
    t0 = time.perf_counter()
    errors: list[BaseException] = []

    def loop(work: Callable[[], bool]) -> None:
        try:
            while work():
                pass
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=loop, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return time.perf_counter() - t0


def told(hub: Hub, kind: str) -> Counter[str]:
    """How often each entity's outcome was sent to its station (a delivery receipt after it is
    news of its own, not counted)."""
    with reading(hub.engine) as conn:
        rows = conn.execute(select(changes.c.entity_id, changes.c.payload).where(changes.c.kind == kind)).all()
    return Counter(r.entity_id for r in rows if "delivery" not in json.loads(r.payload))


def sms_run(name: str, hubs: list[Hub], station_ids: list[str], goals: Goals) -> None:
    fake = SlowAliyun("LTAI5tBENCH", "bench-secret")
    try:
        sender = AliyunSms(AliyunConfig("LTAI5tBENCH", Secret("bench-secret", "bench"), TEMPLATES, fake.url), "县电商服务中心")
        first = hubs[0]
        queue_notices(first, station_ids, BASELINE_N, "B")
        base_s = drain([lambda: send_notices(first, sender, batch=1, pool=1, limit=BASELINE_N).more])
        base_rate = BASELINE_N / base_s
        ids = queue_notices(first, station_ids, NOTICES, "N")
        seconds = drain([lambda h=h: send_notices(h, sender).more for h in hubs])  # type: ignore[misc]
        rate = NOTICES / seconds
        handed = Counter(s["OutId"] for s in fake.sent)
        news = told(first, "county.notice_status")
        with reading(first.engine) as conn:
            statuses: dict[str, int] = dict(conn.execute(select(sms_notices.c.status, func.count()).group_by(sms_notices.c.status)).all())
        once = all(handed[i] == 1 for i in ids) and all(news[i] == 1 for i in ids) and sum(handed.values()) == NOTICES + BASELINE_N
        print(f"\n{name}: SMS, {len(hubs)} worker(s), fake Alibaba Cloud answering in {LOW * 1000:.0f}-{HIGH * 1000:.0f} ms")
        print(f"  one at a time (baseline, {BASELINE_N} notices): {base_rate:.1f} SMS/s -> 60,000 in {60_000 / base_rate / 60:.1f} min")
        print(f"  batched, pooled ({NOTICES} notices): {seconds:.1f} s, {rate:.1f} SMS/s -> 60,000 in {60_000 / rate / 60:.1f} min "
              f"({rate / base_rate:.1f}x the baseline)")
        print(f"  statuses {statuses}; handed to the provider once each: {once}")
        goals.check(f"{name}: 60,000 SMS notices in ≤ {GOAL_S / 60:.0f} min: {60_000 / rate / 60:.1f} min "
                    f"(baseline {60_000 / base_rate / 60:.1f} min)", 60_000 / rate <= GOAL_S)
        goals.check(f"{name}: every SMS handed to the provider once and its station told once", once)
    finally:
        fake.close()


def bill_run(name: str, hubs: list[Hub], station_ids: list[str], goals: Goals) -> None:
    fake = SlowAggregator("10086", "agg-key-bench")
    fake.balance = 10 ** 12
    try:
        biller = AggregatorBiller(AggregatorConfig(fake.url, "10086", Secret("agg-key-bench", "bench"),
                                                   "http://127.0.0.1:9/v1/billers/notify"))
        first = hubs[0]
        queue_bills(first, station_ids, BASELINE_N, "B")
        base_s = drain([lambda: process_bills(first, biller, batch=1, pool=1, limit=BASELINE_N).more])
        base_rate = BASELINE_N / base_s
        ids = queue_bills(first, station_ids, BILLS, "N")
        seconds = drain([lambda h=h: process_bills(h, biller).more for h in hubs])  # type: ignore[misc]
        rate = BILLS / seconds
        submits = Counter(o["out_trade_num"] for o in fake.orders.values())
        news = told(first, "county.bill_result")
        once = (fake.charges == BILLS + BASELINE_N and all(submits[billers.order_number(i)] == 1 for i in ids)
                and all(news[i] == 1 for i in ids))
        print(f"\n{name}: bills, {len(hubs)} worker(s), fake aggregator answering in {LOW * 1000:.0f}-{HIGH * 1000:.0f} ms "
              "(balance + submit per bill)")
        print(f"  one at a time (baseline, {BASELINE_N} bills): {base_rate:.1f} bills/s -> {BILLS} in {BILLS / base_rate / 60:.1f} min")
        print(f"  batched, pooled ({BILLS} bills): {seconds:.1f} s, {rate:.1f} bills/s -> 60,000 in {60_000 / rate / 60:.1f} min "
              f"({rate / base_rate:.1f}x the baseline)")
        print(f"  charged {fake.charges} times for {BILLS + BASELINE_N} bills; each once and told once: {once}")
        goals.check(f"{name}: a county's day of bills ({BILLS}) in ≤ {GOAL_S / 60:.0f} min: {seconds / 60:.1f} min "
                    f"(baseline {BILLS / base_rate / 60:.1f} min)", seconds <= GOAL_S)
        goals.check(f"{name}: every bill charged once and its station told once", once)
    finally:
        fake.close()


def main() -> int:
    goals = Goals("bench_gateways")
    started = time.perf_counter()
    if "sqlite" in DATABASES:
        with tempfile.TemporaryDirectory(prefix="bench-gateways-") as tmp:
            hub, ids = county(f"sqlite:///{Path(tmp) / 'hub.sqlite'}")
            sms_run("SQLite", [hub], ids, goals)
            bill_run("SQLite", [hub], ids, goals)
            hub.engine.dispose()
    reason = unavailable_reason()
    if "postgresql" not in DATABASES:
        pass
    elif reason:
        goals.not_measured(f"PostgreSQL: the gateways: {reason}")
    else:
        with PgCluster(durable=True) as pg:
            url = pg.create_database()
            hub, ids = county(url)
            other = Hub(open_hub(url))  # a second hub process on the same database
            sms_run("PostgreSQL", [hub, other], ids, goals)
            bill_run("PostgreSQL", [hub, other], ids, goals)
            hub.engine.dispose()
            other.engine.dispose()
    print(f"(bench_gateways took {time.perf_counter() - started:.0f} s)")
    return goals.report()


if __name__ == "__main__":
    sys.exit(main())
