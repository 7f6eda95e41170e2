"""Issue 20: the hub as several stateless servers on one PostgreSQL. Two hub servers, each with
its own engine and connection pool (as two processes have), serve one database; stations sync to
either in turn and send the same events again to the other. Every event is kept once, every SMS
notice is sent once and every bill paid once while both servers' workers run at the same time,
and both servers give the same county report, equal to the stations' own."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import func, select

from station_app.clock import local_day
from station_app.core import bills, parcels, reports
from station_app.core import sync_state as state
from station_app.core.events import last_seq
from sync.hub.bill_payments import process_bills
from sync.hub.billers import SimulatedBiller
from sync.hub.county_report import county_month
from sync.hub.db import events
from sync.hub.manifest import import_manifest
from sync.hub.service_db import hub_bills, sms_log, sms_notices
from sync.hub.shadows import Shadows
from sync.hub.sms import LoggingSmsSender, send_notices
from sync.testing.live_hub import LiveHub

from .fresh import new_station, push_again, sync

NAMES = [("幸福村电商服务站", "幸福村"), ("和平村电商服务站", "和平村")]


def plain(obj):
    return json.loads(json.dumps(obj, ensure_ascii=False))


def point_at(db, url: str) -> None:
    with db.transaction():
        db.set_local("setting:sync.hub_url", json.dumps(url))


@pytest.mark.postgres
def test_two_hub_servers_on_one_postgres(pg_cluster, tmp_path):
    url = pg_cluster.create_database()
    secret = tmp_path / "hub.secret"
    with LiveHub(url, secret_file=secret) as one, LiveHub(url, secret_file=secret) as two:
        hubs = [one, two]
        assert one.hub is not None and two.hub is not None and one.hub.engine is not two.hub.engine
        taken = []
        st = [new_station(tmp_path / f"st{k}", one, name, village) for k, (name, village) in enumerate(NAMES)]
        for k, (name, _) in enumerate(NAMES):
            manifest = "运单号,快递公司,收件人,手机号,发出时间\n" + "".join(
                f"ZT7301000{k}{i:03d},中通,张{i},1381234{k}{i:03d},2026-11-22 08:30\n" for i in range(20))
            import_manifest(two.hub, manifest.encode("gbk"), station=name)
        for k, (db, manager) in enumerate(st):
            sync(db)
            for i in range(20):
                parcels.check_in_parcel(db, manager, waybill=f"ZT7301000{k}{i:03d}")
                if i % 2 == 0:  # syncs in turn: to one server, then to the other
                    point_at(db, hubs[(i // 2 + k) % 2].url)
                    sync(db)
            for i in range(3):
                taken.append((db, bills.accept_payment(db, manager, product_id="cmcc.topup",
                                                       account=f"1390000{k}{i:03d}", amount=5000).id))
                point_at(db, hubs[(i + k) % 2].url)
                sync(db)
            push_again(db, url=hubs[(k + 1) % 2].url)  # the same events again, to the server that did not ack last

        # both servers' workers at the same time, several rounds each: each notice sent once, each bill paid once
        biller = SimulatedBiller(failure_rate=0, pending_rate=0, sleep=lambda s: None)
        errors: list[BaseException] = []

        def work(live: LiveHub) -> None:
            try:
                assert live.hub is not None
                for _ in range(4):
                    send_notices(live.hub, LoggingSmsSender(live.hub.engine))
                    process_bills(live.hub, biller)
            except BaseException as exc:  # reported below, on the test's thread
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(h,)) for h in hubs for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        with one.hub.engine.connect() as conn:
            notices = conn.execute(select(func.count()).select_from(sms_notices)).scalar_one()
            logged = conn.execute(select(sms_log.c.notice_id, func.count()).group_by(sms_log.c.notice_id)).all()
            paid = conn.execute(select(hub_bills.c.request_id, hub_bills.c.status)).all()
            kept = dict(conn.execute(select(events.c.station_id, func.count()).group_by(events.c.station_id)).all())
        assert notices >= 40 and len(logged) == notices and {n for _, n in logged} == {1}
        assert len(paid) == 6 and all(biller.payments_made(r.request_id) == 1 for r in paid)
        for db, _ in st:
            sync(db)
            assert kept[db.local(state.STATION_ID)] == last_seq(db)  # every event once, whichever server took it
        assert all(bills.get_bill(db, bill_id).state == bills.PAID for db, bill_id in taken)

        # the same county report from either server, equal to the stations' own
        month = reports.month_of(local_day(one.hub.clock.now()))
        answers = []
        for k, live in enumerate(hubs):
            assert live.hub is not None
            shadows = Shadows(live.hub, tmp_path / f"shadows{k}")
            try:
                answers.append(plain(county_month(shadows, month)))
            finally:
                shadows.close()
        assert answers[0]["stations"] == answers[1]["stations"] and answers[0]["total"] == answers[1]["total"]
        for db, _ in st:
            mine = plain(reports.monthly_report(db, month))
            theirs = [s["report"] for s in answers[0]["stations"] if s["name"] == db.value("SELECT name FROM station")]
            assert theirs and theirs[0]["parcels"] == mine["parcels"] and theirs[0]["bills"] == mine["bills"]
        for db, _ in st:
            db.close()
