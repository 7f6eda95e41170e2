"""Status reports kept in the modem's memory (AT+CNMI <ds>=2, TS 27.005) for a program that opens
the port only now and then (the station), against the modem emulator on a pseudo-terminal: what
comes while the port is closed waits in the memory, is listed (AT+CMGL) and deleted (AT+CMGD);
shown reports (<ds>=1) that come while nobody reads the port are lost, which is why the station
does not rely on them."""

from __future__ import annotations

from sync.gsm.modem import AtModem, close_port, open_port

from .modem_emulator import ModemEmulator
from .test_modem import NOTICE_150

PHONE = "13812345678"


def opened(emulator: ModemEmulator, *, stored: bool) -> AtModem:
    modem = AtModem(open_port(emulator.device), timeout=2.0, send_timeout=2.0)
    modem.start(stored_reports=stored)
    return modem


def test_reports_that_come_while_the_port_is_closed_wait_in_the_modem_until_deleted():
    with ModemEmulator() as emulator:
        modem = opened(emulator, stored=True)
        assert modem.stores_reports and modem.report_memory == "SR"
        assert "AT+CNMI=2,1,0,2,0" in emulator.commands
        sent = modem.send(PHONE, NOTICE_150, reference=7)
        close_port(modem.port)
        assert not emulator.port_open()

        assert emulator.deliver(status=0x00, mrs={sent.references[0]}) == 1
        assert emulator.deliver(status=0x41, mrs={sent.references[1]}) == 1  # permanent error
        assert len(emulator.stored("SR")) == 2 and emulator.lost == []

        modem = opened(emulator, stored=True)  # the next run
        kept = modem.stored_reports()
        assert [(k.memory, k.report.reference, k.report.phone, k.report.delivered, k.report.final) for k in kept] == [
            ("SR", sent.references[0], PHONE, True, True), ("SR", sent.references[1], PHONE, False, True)]
        assert modem.stored_reports() == kept  # listing deletes nothing
        modem.delete_stored(kept[0])
        assert [k.report.reference for k in modem.stored_reports()] == [sent.references[1]]
        modem.delete_stored(kept[1])
        assert modem.stored_reports() == [] and emulator.stored("SR") == {}
        close_port(modem.port)


def test_a_modem_without_a_status_report_memory_keeps_them_with_received_messages():
    with ModemEmulator(report_memory="SM") as emulator:
        modem = opened(emulator, stored=True)
        assert modem.report_memory == "SM"  # <mem3> of AT+CPMS?: where received messages go
        sent = modem.send(PHONE, "【县电商服务中心】您的包裹已到站", reference=1)
        close_port(modem.port)
        emulator.deliver()
        modem = opened(emulator, stored=True)
        [kept] = modem.stored_reports()
        assert (kept.memory, kept.report.reference, kept.report.delivered) == ("SM", sent.references[0], True)
        close_port(modem.port)


def test_a_full_memory_takes_nothing_more_and_the_network_offers_it_again():
    with ModemEmulator(capacity=1) as emulator:
        modem = opened(emulator, stored=True)
        modem.send(PHONE, "一", reference=1)
        modem.send(PHONE, "二", reference=2)
        assert emulator.deliver() == 1  # the second is held back by the network
        first = modem.stored_reports()
        assert [k.report.reference for k in first] == [0]
        modem.delete_stored(first[0])
        assert emulator.deliver() == 1
        assert [k.report.reference for k in modem.stored_reports()] == [1]
        close_port(modem.port)


def test_shown_reports_that_come_while_nobody_reads_the_port_are_lost():
    """Why the station asks the modem to keep them: <ds>=1 is for a port kept open (the hub)."""
    with ModemEmulator() as emulator:
        modem = opened(emulator, stored=False)
        assert not modem.stores_reports and emulator.commands[-1] == "AT+CNMI=2,1,0,1,0"
        modem.send(PHONE, "测试", reference=1)
        close_port(modem.port)
        emulator.deliver()
        assert len(emulator.lost) == 1
        modem = opened(emulator, stored=False)
        assert modem.reports(wait=0.3) == []
        close_port(modem.port)
