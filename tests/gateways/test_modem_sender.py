"""The hub's modem sender (`sync.hub.senders.modem`) against the modem emulator on a
pseudo-terminal: what each modem failure means for a notice (try later, failed for good, unsure:
never sent again), and the delivery reports (+CDS) of every part back as the notice's receipt."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from sync.hub.gateway_config import ModemConfig
from sync.hub.senders.modem import ModemSms
from sync.hub.sms_gateway import FAILED, SENT, SentSms, SmsMessage, SmsUnavailable, SmsUnsure

from .modem_emulator import ModemEmulator
from .test_modem import NOTICE_150

SIGNATURE = "县电商服务中心"


@pytest.fixture
def emulator():
    with ModemEmulator() as modem:
        yield modem


def sender(emulator: ModemEmulator, timeout: float = 1.0) -> ModemSms:
    return ModemSms(ModemConfig(emulator.device), timeout=timeout, send_timeout=timeout)


def notice(notice_id: str, text: str) -> SmsMessage:
    return SmsMessage(notice_id, "13812345678", text, SIGNATURE)


def test_a_long_notice_goes_as_numbered_parts_and_is_delivered_when_every_part_is(emulator):
    text = NOTICE_150.removeprefix(f"【{SIGNATURE}】")
    modem = sender(emulator)
    result = modem.send(notice("N-150", text))
    assert (result.status, result.parts, result.gateway_ref) == (SENT, 3, "modem:0,1,2")
    assert emulator.texts() == [NOTICE_150]
    assert [(t.submitted.part, t.submitted.parts) for t in emulator.taken] == [(1, 3), (2, 3), (3, 3)]
    sent = SentSms("N-150", "13812345678", result.gateway_ref, datetime.now(UTC))
    assert emulator.deliver(status=0x00) == 3
    receipts = []
    deadline = time.monotonic() + 5
    while not receipts and time.monotonic() < deadline:  # the +CDS lines arrive on the port as they come
        receipts = modem.deliveries([sent]) or time.sleep(0.05) or []
    assert [(r.notice_id, r.delivered) for r in receipts] == [("N-150", True)]


def test_cms_errors_mean_try_later_or_failed_for_good(emulator):
    modem = sender(emulator)
    emulator.refuse = {1: 42}  # congestion: nothing went
    with pytest.raises(SmsUnavailable):
        modem.send(notice("N-1", "您的包裹已到站"))
    emulator.refuse = {2: 28}  # no such subscriber
    result = modem.send(notice("N-2", "您的包裹已到站"))
    assert result.status == FAILED and "28" in result.detail
    assert emulator.taken == []


def test_a_modem_that_stops_answering_is_unsure_after_the_text_and_unavailable_before(emulator):
    modem = sender(emulator, timeout=0.5)
    modem.send(notice("N-0", "测试"))  # the modem is up
    emulator.silent_after_text = True
    with pytest.raises(SmsUnsure):  # handed over: it may have gone, never sent again
        modem.send(notice("N-1", "测试"))
    emulator.silent = True
    with pytest.raises(SmsUnavailable):
        modem.send(notice("N-2", "测试"))
