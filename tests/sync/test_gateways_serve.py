"""`station-hub serve` is honest: it does not start without the county's real gateways unless
`--demo`; a gateways file keeps its keys out of the file, the log and the database; a demo hub
says so to its stations (status bar), on its pages, and on every bill receipt the station
prints (演示, never 缴费成功 alone)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from printer.emulator import decode
from printer.escpos import render
from station_app.core import bills, cash, settings
from station_app.core.bills import PAID
from station_app.core.bills.records import DEMO_PAID
from station_app.i18n import translate
from station_app.receipts.bills import bill_receipt
from sync.hub import gateway_config, pages
from sync.hub.bill_payments import process_bills
from sync.hub.billers import SimulatedBiller
from sync.hub.cli import main as hub_main
from sync.hub.gateway_pool import at_once
from sync.hub.senders.aliyun import AliyunSms
from sync.hub.services import announce_gateways

from .fresh import new_station, sync

KEY = "a-very-secret-aggregator-key-7781"


def gateways_file(folder: Path, *, inline_key: bool = False) -> Path:
    secret = folder / "biller.key"
    secret.write_text(KEY + "\n", encoding="utf-8")
    os.chmod(secret, 0o600)
    os.environ["TEST_ALIYUN_SECRET"] = "aliyun-secret-4455"
    key_line = f'key = "{KEY}"' if inline_key else 'key_file = "biller.key"'
    path = folder / "gateways.toml"
    path.write_text(f"""
[sms]
provider = "aliyun"
[sms.aliyun]
access_key_id = "LTAI5tTEST"
access_key_secret_env = "TEST_ALIYUN_SECRET"
templates = {{ arrival = "SMS_1", reminder = "SMS_2", new_code = "SMS_3" }}

[biller]
provider = "aggregator"
url = "http://127.0.0.1:9/"
merchant_id = "10086"
{key_line}
notify_url = "https://hub.example.cn/v1/billers/notify"
""", encoding="utf-8")
    return path


@pytest.fixture
def no_uvicorn(monkeypatch):
    ran: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: ran.append(app))
    monkeypatch.delenv(gateway_config.ENV, raising=False)
    return ran


def test_serve_without_gateways_does_not_start_and_says_in_chinese_what_to_configure(tmp_path, capsys, no_uvicorn):
    assert hub_main(["serve", "--db", f"sqlite:///{tmp_path / 'hub.sqlite'}"]) == 2
    err = capsys.readouterr().err
    assert "没有配置真实的短信和缴费通道" in err and "--gateways" in err and "--demo" in err and "[biller]" in err
    assert no_uvicorn == [] and not (tmp_path / "hub.sqlite").exists()


def test_a_key_written_in_the_gateways_file_is_refused(tmp_path, capsys, no_uvicorn):
    path = gateways_file(tmp_path, inline_key=True)
    assert hub_main(["serve", "--gateways", str(path), "--db", f"sqlite:///{tmp_path / 'hub.sqlite'}"]) == 2
    err = capsys.readouterr().err
    assert "biller.key" in err and "key_file" in err and KEY not in err
    assert hub_main(["serve", "--demo", "--gateways", str(path), "--db", f"sqlite:///{tmp_path / 'h.sqlite'}"]) == 2


def test_a_key_file_others_may_read_is_refused(tmp_path, capsys, no_uvicorn):
    path = gateways_file(tmp_path)
    os.chmod(tmp_path / "biller.key", 0o644)
    assert hub_main(["serve", "--gateways", str(path), "--db", f"sqlite:///{tmp_path / 'hub.sqlite'}"]) == 2
    assert "chmod 600" in capsys.readouterr().err


def test_real_gateways_start_and_their_keys_are_never_logged_nor_stored(tmp_path, capsys, caplog, no_uvicorn):
    caplog.set_level(logging.DEBUG)
    db = tmp_path / "hub.sqlite"
    assert hub_main(["serve", "--gateways", str(gateways_file(tmp_path)), "--db", f"sqlite:///{db}"]) == 0
    [app] = no_uvicorn
    assert app.state.gateways.sms_name == "aliyun" and app.state.gateways.biller_name == "aggregator"
    assert repr(app.state.gateways.biller.key) == f"Secret(from file {tmp_path / 'biller.key'})"
    out = capsys.readouterr()
    stored = b"".join(path.read_bytes() for path in tmp_path.glob("hub.sqlite*"))  # the file and its WAL
    assert b"real:aliyun+aggregator" in stored  # what the stations are told
    for secret in (KEY, "aliyun-secret-4455"):
        assert secret not in out.out + out.err + caplog.text + repr(app.state.gateways)
        assert secret.encode() not in stored


def test_the_demo_hub_says_so_on_its_pages_while_it_runs(tmp_path, no_uvicorn, monkeypatch):
    seen: list[str] = []

    def run(app, **kw):
        seen.append(TestClient(app).get("/dashboard/login").text)

    monkeypatch.setattr(uvicorn, "run", run)
    assert hub_main(["serve", "--demo", "--db", f"sqlite:///{tmp_path / 'hub.sqlite'}"]) == 0
    assert "演示系统" in seen[0] and not pages.demo_hub  # and forgotten once it stops


def test_a_demo_hub_tells_the_station_and_its_paid_receipt_says_demo_on_paper(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    announce_gateways(live_hub.hub, gateway_config.DEMO)
    announce_gateways(live_hub.hub, gateway_config.DEMO)  # said once, not again while it stays true
    cash.open_day(db, manager, counted=50_000)
    bill = bills.accept_payment(db, manager, product_id="cmcc.topup", account="13812345678", amount=5000)
    sync(db)
    process_bills(live_hub.hub, SimulatedBiller(failure_rate=0, pending_rate=0))  # what `serve --demo` runs
    sync(db)
    assert settings.get(db, "hub.gateways") == "demo"
    paid = bills.get_bill(db, bill.id)
    assert paid.state == PAID and paid.demo
    assert paid.state_text() == translate("bills", DEMO_PAID)  # the bills page says it too
    printed = decode(render(bill_receipt(bills.receipt(db, bill.id)))).text
    assert translate("receipt", "DEMO, NOT PAID") in printed and "演示：模拟缴费，没有真正支付" in printed
    db.close()


def test_the_county_sets_how_many_requests_each_provider_takes_at_once(tmp_path, capsys, no_uvicorn):
    """A provider's limit for the county's account (QPS) is a line of the gateways file, not a
    code change; a wrong one is refused before the hub starts."""
    path = gateways_file(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('access_key_id = "LTAI5tTEST"', 'access_key_id = "LTAI5tTEST"\nconcurrency = 5')
                    .replace('merchant_id = "10086"', 'merchant_id = "10086"\nconcurrency = 3'), encoding="utf-8")
    assert hub_main(["serve", "--gateways", str(path), "--db", f"sqlite:///{tmp_path / 'hub.sqlite'}"]) == 0
    [app] = no_uvicorn
    assert at_once(app.state.services.sms) == 5 and at_once(app.state.services.biller) == 3
    path.write_text(text.replace('merchant_id = "10086"', 'merchant_id = "10086"\nconcurrency = 0'), encoding="utf-8")
    assert hub_main(["serve", "--gateways", str(path), "--db", f"sqlite:///{tmp_path / 'h2.sqlite'}"]) == 2
    assert "biller.concurrency" in capsys.readouterr().err
    path.write_text(text, encoding="utf-8")  # absent: each sender's own width
    assert hub_main(["serve", "--gateways", str(path), "--db", f"sqlite:///{tmp_path / 'h3.sqlite'}"]) == 0
    assert at_once(no_uvicorn[-1].state.services.sms) == AliyunSms.concurrency
