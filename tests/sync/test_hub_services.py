"""The county services' plumbing: followers see each pushed event once and survive a bad one;
county staff see the services' state; the whole round on PostgreSQL."""

import pytest
import requests

from station_app.core import bills, consignment, parcels
from station_app.core.consignment import IntakeItem
from sync.hub import gateway_config
from sync.hub.aggregator import AggregatorBiller
from sync.hub.bill_payments import process_bills
from sync.hub.billers import SimulatedBiller
from sync.hub.manifest import import_manifest, routed_parcel
from sync.hub.senders.modem import ModemSms
from sync.hub.senders.tencent import TencentSms
from sync.hub.service_db import follow
from sync.hub.services import HubServices, build_biller, build_sms
from sync.hub.sms import LoggingSmsSender, send_notices

from .fresh import new_station, push_again, sync


def test_a_follower_sees_each_event_once_and_a_bad_one_does_not_stop_it(live_hub, tmp_path, caplog):
    db, manager = new_station(tmp_path / "st", live_hub)
    for n in range(3):
        parcels.check_in_parcel(db, manager, waybill=f"ZT7301000000{n}", phone="13812345678")
    sync(db)
    push_again(db)
    seen = []

    def handle(conn, station_id, ev):
        if ev.payload["waybill"] == "ZT73010000001":
            raise KeyError("a record this version cannot read")
        seen.append(ev.payload["waybill"])

    assert follow(live_hub.hub, "test", ["parcel.checked_in"], handle) == 3
    assert seen == ["ZT73010000000", "ZT73010000002"] and "could not be handled" in caplog.text
    assert follow(live_hub.hub, "test", ["parcel.checked_in"], handle) == 0  # nothing new: nothing again
    parcels.check_in_parcel(db, manager, waybill="ZT73010000009", phone="13812345678")
    sync(db)
    assert follow(live_hub.hub, "test", ["parcel.checked_in"], handle) == 1 and seen[-1] == "ZT73010000009"
    db.close()


def test_county_staff_see_what_the_services_hold(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    live_hub.hub.add_admin("county", "secret-pass-1")
    parcels.check_in_parcel(db, manager, waybill="ZT73010000001", phone="13812345678")
    bills.accept_payment(db, manager, product_id="cmcc.topup", account="13812345678", amount=5000)
    sync(db)
    services = HubServices(live_hub.hub, sms=LoggingSmsSender(live_hub.hub.engine),
                           biller=SimulatedBiller(failure_rate=0, pending_rate=0, sleep=lambda s: None))
    report = services.run_once()
    assert (report.sms.sent, report.bills.paid, report.arrivals) == (1, 1, 1)
    answer = requests.get(f"{live_hub.url}/v1/admin/services", auth=("county", "secret-pass-1"), timeout=5)
    assert answer.json() == {"sms": {"sent": 1}, "bills": {"paid": 1}}
    db.close()


def test_serve_runs_the_gateways_it_is_given_and_the_demo_ones_only_with_demo(live_hub):
    hub = live_hub.hub
    assert isinstance(build_sms(hub, gateway_config.DEMO, "县电商服务中心"), LoggingSmsSender)
    assert isinstance(build_biller(hub, gateway_config.DEMO), SimulatedBiller)
    key = gateway_config.Secret("k", "test")
    real = gateway_config.Gateways(
        demo=False, sms=gateway_config.TencentConfig("AKID", key, "1400006666", {"arrival": "1"}),
        biller=gateway_config.AggregatorConfig("https://agg.example.cn", "10086", key, "https://hub.example.cn/n"))
    assert isinstance(build_sms(hub, real, "县电商服务中心"), TencentSms)
    assert isinstance(build_biller(hub, real), AggregatorBiller)
    modem = gateway_config.Gateways(demo=False, sms=gateway_config.ModemConfig("/dev/ttyUSB2"), biller=real.biller)
    assert isinstance(build_sms(hub, modem, "县电商服务中心"), ModemSms)


@pytest.mark.postgres
def test_the_county_services_on_postgres(pg_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", pg_hub)
    import_manifest(pg_hub.hub, "运单号,快递公司,收件人,手机号,发出时间\nZT73010000001,中通,张三,13812345678,2026-11-22 08:30\n"
                    .encode("gbk"), station="幸福村电商服务站")
    sync(db)
    checked = parcels.check_in_parcel(db, manager, waybill="ZT73010000001")
    bill = bills.accept_payment(db, manager, product_id="cmcc.topup", account="13812345678", amount=5000)
    c = consignment.register_consignor(db, manager, name="竹编合作社", phone="13900001111", village="幸福村")
    code = consignment.take_in(db, manager, consignor_id=c.id, items=[IntakeItem("竹编篮", "craft", "个", 1, 8800)]).codes[0]
    sync(db)
    push_again(db)
    biller = SimulatedBiller(failure_rate=0, pending_rate=0, sleep=lambda s: None)
    assert send_notices(pg_hub.hub, LoggingSmsSender(pg_hub.hub.engine)).sent == 1
    assert process_bills(pg_hub.hub, biller).paid == 1 and process_bills(pg_hub.hub, biller).recorded == 0
    sync(db)
    assert parcels.notices_for(db, checked.parcel_id)[0].status == "sent"
    assert bills.get_bill(db, bill.id).state == bills.PAID and biller.payments_made(bill.id) == 1
    assert routed_parcel(pg_hub.hub, "ZT73010000001")["arrived_at"] == checked.parcel.arrived_at
    page = requests.get(f"{pg_hub.url}/t/{code}", timeout=10)
    assert page.status_code == 200 and "竹编篮" in page.text
    db.close()
