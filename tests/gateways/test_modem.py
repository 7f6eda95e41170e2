"""The GSM modem driver (sync.gsm) against a modem emulator on a pseudo-terminal, opened with
pyserial as a real /dev/ttyUSB or COM port is."""

import pytest

from sync.gsm import pdu
from sync.gsm.modem import AtModem, ModemRefused, ModemSilent, ModemUnsure, PartlySent, open_port

from .modem_emulator import ModemEmulator

NOTICE_150 = ("【县电商服务中心】幸福村电商服务站：您的顺丰快递已到站，取件码 1-2-0305，请凭取件码到本站领取。"
              "营业时间 08:00-20:00，联系电话 0791-88886666。逾期七日未取的包裹将退回寄件人，请尽快前来领取，谢谢配合！祝您生活愉快。"
              "如有疑问请拨打县服务中心电话咨询，我们竭诚为您服务。")


@pytest.fixture
def emulator():
    with ModemEmulator() as modem:
        yield modem


def modem_on(emulator, **kw):
    kw.setdefault("timeout", 2.0)
    kw.setdefault("send_timeout", 2.0)
    modem = AtModem(open_port(emulator.device), **kw)
    modem.start()
    return modem


def test_a_150_character_chinese_notice_arrives_as_three_numbered_parts(emulator):
    assert len(NOTICE_150) == 150
    modem = modem_on(emulator)
    assert emulator.commands[:5] == ["AT", "ATE0", "AT+CMEE=1", "AT+CMGF=0", "AT+CNMI=2,1,0,1,0"]

    sent = modem.send("13812345678", NOTICE_150, reference=0x2A)

    assert sent.parts == 3 and sent.references == [0, 1, 2]
    parts = [t.submitted for t in emulator.taken]
    assert [(p.part, p.parts, p.reference) for p in parts] == [(1, 3, 0x2A), (2, 3, 0x2A), (3, 3, 0x2A)]
    assert [len(p.text) for p in parts] == [67, 67, 16]
    assert all(p.phone == "13812345678" and p.status_report for p in parts)
    assert emulator.texts() == [NOTICE_150]


def test_a_short_notice_is_one_sms_without_a_header_and_its_status_report_comes_back(emulator):
    modem = modem_on(emulator)
    sent = modem.send("13812345678", "【县电商服务中心】您的包裹已到站，取件码 1-2-0305", reference=1)
    assert sent.parts == 1 and emulator.taken[0].submitted.reference is None
    assert modem.reports() == []

    emulator.deliver(status=0x00)
    reports = modem.reports(wait=1.0)
    assert [(r.reference, r.phone, r.delivered, r.final) for r in reports] == [(0, "13812345678", True, True)]


def test_a_status_report_that_says_undeliverable_is_final_and_not_delivered(emulator):
    modem = modem_on(emulator)
    modem.send("13812345678", "【县电商服务中心】测试", reference=1)
    emulator.deliver(status=0x41)  # incompatible destination: permanent error
    [report] = modem.reports(wait=1.0)
    assert not report.delivered and report.final


def test_a_refusal_of_the_first_part_sends_nothing_and_says_whether_to_try_again(emulator):
    modem = modem_on(emulator)
    emulator.refuse = {1: 42}  # congestion
    with pytest.raises(ModemRefused) as temporary:
        modem.send("13812345678", NOTICE_150, reference=3)
    assert temporary.value.temporary and emulator.taken == []

    emulator.refuse = {2: 28}  # unidentified subscriber: a number that does not exist
    with pytest.raises(ModemRefused) as permanent:
        modem.send("13812345678", "短", reference=4)
    assert not permanent.value.temporary and emulator.taken == []


def test_a_refusal_after_the_first_part_is_partly_sent(emulator):
    modem = modem_on(emulator)
    emulator.refuse = {2: 38}
    with pytest.raises(PartlySent) as partly:
        modem.send("13812345678", NOTICE_150, reference=5)
    assert partly.value.references == [0] and partly.value.parts == 3
    assert [t.submitted.part for t in emulator.taken] == [1]


def test_a_modem_that_stops_answering(emulator):
    modem = modem_on(emulator, timeout=0.5, send_timeout=0.5)
    emulator.silent_after_text = True
    with pytest.raises(ModemUnsure):  # the text was handed over: it may have gone
        modem.send("13812345678", "【县电商服务中心】测试", reference=6)

    emulator.silent = True
    with pytest.raises(ModemSilent):  # no prompt: nothing was handed over
        modem.send("13812345678", "【县电商服务中心】测试", reference=7)
    with pytest.raises(ModemSilent):
        AtModem(open_port(emulator.device), timeout=0.3).start()


def test_the_pdu_codec_round_trips_addresses_times_and_surrogates():
    [single] = pdu.submit_pdus("+8613812345678", "你好😀", reference=9)
    back = pdu.decode_submit(single.hex)
    assert back.phone == "13812345678" and back.text == "你好😀" and back.parts == 1
    long = "😀" * 40  # 80 UTF-16 units: two parts, no emoji cut in half
    pieces = pdu.split_text(long)
    assert [len(p) for p in pieces] == [33, 7] and "".join(pieces) == long
    from datetime import datetime, timedelta, timezone
    at = datetime(2026, 11, 2, 9, 30, 5, tzinfo=timezone(timedelta(hours=8)))
    assert pdu.decode_time(pdu.encode_time(at)) == at
    west = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-5)))
    assert pdu.decode_time(pdu.encode_time(west)) == west
    with pytest.raises(pdu.PduError):
        pdu.decode_submit("00" + "41")
