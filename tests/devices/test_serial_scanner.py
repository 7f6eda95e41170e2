"""Serial scanners through pyserial's loop:// port: lines in, codes out, unplugging survived."""

from __future__ import annotations

import queue

import serial

from station_app.devices.serial_scanner import LineAssembler, SerialScanner, SerialState


def loop_port():
    return serial.serial_for_url("loop://", timeout=0.02)


def test_lines_become_codes():
    lines = LineAssembler(max_line=20)
    assert lines.feed(b"SF12345") == []
    assert lines.feed(b"67890123\r\n6901234567892\r") == ["SF1234567890123", "6901234567892"]
    assert lines.feed(b"\n\n\x02JT0001234567890\x03\n") == ["JT0001234567890"]
    assert lines.feed(b"7" * 500 + b"\rA1-2-345\n") == ["A1-2-345"]  # noise from a wrong baud rate
    assert lines.dropped == 1
    assert lines.feed("VS1:O:订单42\n".encode()) == ["VS1:O:订单42"]


def test_codes_from_a_loop_port_on_the_worker_thread():
    port = loop_port()
    codes: queue.Queue[str] = queue.Queue()
    scanner = SerialScanner("loop://", codes.put, open_port=lambda: port)
    scanner.start()
    try:
        port.write(b"SF1234567890123\r\n")
        port.write(b"7730123")
        port.write(b"45678901\r")
        assert codes.get(timeout=10) == "SF1234567890123"
        assert codes.get(timeout=10) == "773012345678901"
        assert scanner.state is SerialState.READY
    finally:
        scanner.stop()
    assert not scanner.running and scanner.state is SerialState.STOPPED


def test_a_port_pulled_out_is_reopened():
    first, second = loop_port(), loop_port()
    opens = [first, serial.SerialException("could not open port COM3"), second]

    def open_port():
        item = opens.pop(0) if opens else second
        if isinstance(item, Exception):
            raise item
        return item

    codes: queue.Queue[str] = queue.Queue()
    states: queue.Queue[SerialState] = queue.Queue()
    scanner = SerialScanner("COM3", codes.put, on_state=states.put, open_port=open_port, retry_after=0.01)
    scanner.start()
    try:
        first.write(b"JT0001234567890\n")
        assert codes.get(timeout=10) == "JT0001234567890"
        first.close()  # unplugged: the worker's next read fails
        second.write(b"YT1234567890123\n")
        assert codes.get(timeout=10) == "YT1234567890123"
    finally:
        scanner.stop()
    seen = []
    while not states.empty():
        seen.append(states.get())
    assert seen == [SerialState.OPENING, SerialState.READY, SerialState.LOST, SerialState.NO_PORT,
                    SerialState.READY, SerialState.STOPPED]


def test_a_port_that_cannot_be_opened_is_a_state():
    states = []
    SerialScanner("/dev/does-not-exist", print, on_state=states.append, reconnect=False).run()
    assert states == [SerialState.OPENING, SerialState.NO_PORT, SerialState.STOPPED]
