"""Printer specs, connections and status, against the emulator on loopback."""

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from printer import capabilities
from printer.connections import PrinterStatus, connect, parse_spec, send_once
from printer.emulator import EmulatorServer, PrinterState, decode
from printer.errors import BadPrinterSpec, PrinterNotReady, PrinterUnavailable
from printer.escpos import render
from tests.printer.samples import SAMPLES


@pytest.mark.parametrize(("text", "kind", "target", "number"), [
    ("usb:0416:5011", "usb", "", 0),
    ("serial:COM3@9600", "serial", "COM3", 9600),
    ("serial:/dev/ttyUSB0@115200", "serial", "/dev/ttyUSB0", 115200),
    ("serial:COM4", "serial", "COM4", 9600),
    ("net:192.168.1.87:9100", "net", "192.168.1.87", 9100),
    ("net:printer.local", "net", "printer.local", 9100),
    ("net:[::1]:9101", "net", "::1", 9101),
    ("win:XP-58 (copy 1)", "win", "XP-58 (copy 1)", 0),
    ("file:C:\\receipts\\out.bin", "file", "C:\\receipts\\out.bin", 0),
    (" NET:10.0.0.5:9100 ", "net", "10.0.0.5", 9100),
])
def test_good_specs(text, kind, target, number):
    spec = parse_spec(text)
    assert (spec.kind, spec.target, spec.number) == (kind, target, number)


def test_usb_ids_are_hex():
    spec = parse_spec("usb:0x0416:0x5011")
    assert (spec.vendor, spec.product) == (0x0416, 0x5011)


@pytest.mark.parametrize("text", ["", "lpt1", "usb:0416", "usb:zz:11", "serial:COM3@1234", "serial:@9600",
                                  "net:", "net:host:99999", "net:host:port", "win:", "file:  ", "bluetooth:aa"])
def test_bad_specs_say_what_to_write(text):
    with pytest.raises(BadPrinterSpec) as err:
        parse_spec(text)
    message = err.value.message()
    assert text.strip() in message or "is not understood" in message
    assert "like" in message or "write" in message or "give" in message


def test_file_printer_appends_each_receipt(tmp_path):
    target = tmp_path / "receipts.bin"
    data = render(SAMPLES["pickup_slip"](), 58)
    send_once(f"file:{target}", data)
    send_once(f"file:{target}", data)
    assert target.read_bytes() == data + data


def test_file_printer_in_a_missing_folder_is_unavailable(tmp_path):
    with pytest.raises(PrinterUnavailable):
        send_once(f"file:{tmp_path / 'no' / 'such' / 'x.bin'}", b"x")


def test_network_printer_status():
    state = PrinterState()
    with EmulatorServer(state=state) as printer:
        with connect(printer.spec, status_timeout=2) as conn:
            assert conn.status() is PrinterStatus.READY
        state.paper_out = True
        with connect(printer.spec, status_timeout=2) as conn:
            assert conn.status() is PrinterStatus.OUT_OF_PAPER
            with pytest.raises(PrinterNotReady) as err:
                conn.check_ready()
            assert err.value.status is PrinterStatus.OUT_OF_PAPER
        state.paper_out, state.cover_open = False, True
        with connect(printer.spec, status_timeout=2) as conn:
            assert conn.status() is PrinterStatus.COVER_OPEN
        state.cover_open, state.silent = False, True
        with connect(printer.spec, status_timeout=0.2) as conn:
            assert conn.status() is PrinterStatus.UNKNOWN


def test_network_printer_receives_a_whole_receipt():
    data = render(SAMPLES["sale"](), 80)
    with EmulatorServer(paper_mm=80) as printer:
        assert send_once(printer.spec, data) is PrinterStatus.READY
        printer.wait_for_jobs(1)
        job = printer.jobs[0]
    assert data in job
    assert decode(job, 80).text == decode(data, 80).text


def test_unreachable_network_printer():
    with EmulatorServer() as printer:
        spec = printer.spec
    with pytest.raises(PrinterUnavailable) as err:
        send_once(spec, b"x", timeout=1)
    assert "cannot be reached" in err.value.message()


def test_usb_without_pyusb_is_explained():
    if importlib.util.find_spec("usb"):
        pytest.skip("pyusb is installed here")
    with pytest.raises(PrinterUnavailable) as err:
        send_once("usb:0416:5011", b"x")
    assert "pyusb" in err.value.message()


def test_windows_queue_elsewhere_is_explained():
    if sys.platform == "win32":
        pytest.skip("on Windows the spooler exists")
    with pytest.raises(PrinterUnavailable) as err:
        send_once("win:XP-58", b"x")
    assert "Windows" in err.value.message()


def test_missing_capabilities_file_is_replaced(tmp_path, monkeypatch):
    """A frozen build without escpos/capabilities.json still imports python-escpos."""
    class Spec:
        origin = str(tmp_path / "frozen" / "escpos" / "__init__.py")

    monkeypatch.delenv("ESCPOS_CAPABILITIES_FILE", raising=False)
    monkeypatch.delenv("ESCPOS_CAPABILITIES_PICKLE_DIR", raising=False)
    monkeypatch.setattr(capabilities, "cache_dir", lambda: tmp_path / "cache")
    monkeypatch.setattr(capabilities.importlib.util, "find_spec", lambda name: Spec())
    path = capabilities.ensure_escpos_capabilities()
    assert os.environ["ESCPOS_CAPABILITIES_FILE"] == str(path)
    assert json.loads(path.read_text("utf-8"))["profiles"]["default"]
    env = {**os.environ, "ESCPOS_CAPABILITIES_FILE": str(path), "ESCPOS_CAPABILITIES_PICKLE_DIR": str(tmp_path)}
    code = "import escpos.printer; p = escpos.printer.Dummy(); p._raw(b'x'); print(p.output)"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "b'x'"


def test_bundled_capabilities_file_is_used_when_present(monkeypatch, tmp_path):
    monkeypatch.delenv("ESCPOS_CAPABILITIES_FILE", raising=False)
    monkeypatch.delenv("ESCPOS_CAPABILITIES_PICKLE_DIR", raising=False)
    monkeypatch.setattr(capabilities, "cache_dir", lambda: tmp_path)
    path = capabilities.ensure_escpos_capabilities()
    assert path.name == "capabilities.json" and path.parent.name == "escpos"
    assert "ESCPOS_CAPABILITIES_FILE" not in os.environ


def test_status_requests_hidden_in_barcode_data_do_not_fool_the_delivery_check():
    """Code set C '160401' travels as bytes 10 04 01, which a printer answers as DLE EOT 1."""
    from printer.document import ReceiptBuilder

    data = render(ReceiptBuilder("t", "t").barcode("16040199").line("完").build(), 58)
    assert b"\x10\x04\x01" in data
    with EmulatorServer() as printer:
        send_once(printer.spec, data)
        printer.wait_for_jobs(1)
    assert printer.answers == 3  # before, the stray one, and the delivery check
    assert decode(printer.jobs[0], 58).text.splitlines()[:2] == ["[CODE128] 16040199", "完"]
