"""The emulator reads our bytes back: the same text, and pictures whose codes decode."""

import subprocess
import sys

import pytest
import zxingcpp

from printer.document import QR, Barcode
from printer.emulator import EmulatedPrinter, PrinterState, decode
from printer.escpos import render, resolve
from printer.layout import layout, preview
from printer.tokenizer import Tokenizer, tokenize
from tests.printer.samples import SAMPLES, widths_for

CASES = [(name, width) for name in SAMPLES for width in widths_for(name)]
FORMATS = (zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.Code128)


def codes_in(doc) -> list[tuple[str, str]]:
    out = []
    for block in doc.blocks:
        if isinstance(block, QR):
            out.append(("QRCode", block.data))
        elif isinstance(block, Barcode):
            out.append(("Code128", block.data))
    return sorted(out)


def read_codes(image) -> list[tuple[str, str]]:
    return sorted((r.format.name, r.text) for r in zxingcpp.read_barcodes(image, formats=FORMATS))


@pytest.mark.parametrize(("name", "width"), CASES, ids=[f"{n}-{w}" for n, w in CASES])
def test_template_reads_back_as_the_same_text(name, width):
    doc = SAMPLES[name]()
    paper, profile = resolve(width)
    out = decode(render(doc, width), width)
    assert out.warnings == []
    assert out.text == preview(layout(doc, paper, profile), paper)


@pytest.mark.parametrize(("name", "width"), CASES, ids=[f"{n}-{w}" for n, w in CASES])
def test_qr_and_barcodes_in_the_picture_decode(name, width):
    doc = SAMPLES[name]()
    assert read_codes(decode(render(doc, width), width).picture()) == codes_in(doc)


@pytest.mark.parametrize("name", ["pickup_slip", "training_card", "test_page_58"])
def test_raster_fallback_pictures_decode(name):
    doc = SAMPLES[name]()
    out = decode(render(doc, 58, "no-chinese-58"), 58)
    assert read_codes(out.picture()) == codes_in(doc)


def test_picture_fallback_for_qr_on_a_printer_without_qr():
    doc = SAMPLES["consignment_label"]()
    out = decode(render(doc, 58, "POS-5890"), 58)
    assert "[QR]" not in out.text and "[IMAGE" in out.text
    assert read_codes(out.picture()) == codes_in(doc)


def test_bytes_fed_one_at_a_time_read_the_same():
    data = render(SAMPLES["test_page_80"](), 80)
    t = Tokenizer()
    pieces = [tok for i in range(len(data)) for tok in t.feed(data[i:i + 1])]
    assert t.pending == b""
    assert [p for p in pieces if p.kind != "text"] == [w for w in tokenize(data) if w.kind != "text"]
    printer = EmulatedPrinter(80)
    for i in range(len(data)):
        printer.feed(data[i:i + 1])
    assert printer.finish().text == decode(data, 80).text


def test_status_requests_are_answered():
    answers: list[bytes] = []
    state = PrinterState()
    printer = EmulatedPrinter(58, state, respond=answers.append)
    printer.feed(b"\x10\x04\x01")
    state.paper_out = True
    printer.feed(b"\x10\x04\x01\x10\x04\x04")
    state.paper_out, state.cover_open = False, True
    printer.feed(b"\x10\x04\x02")
    assert answers == [b"\x12", b"\x1a", b"\x72", b"\x16"]


def test_unknown_commands_are_skipped_with_a_warning():
    out = decode(b"\x1b@\x1b\x7fAB\n\x1d\xee", 58)
    assert out.text.splitlines()[0] == "AB"
    assert out.warnings


def test_command_line_writes_text_and_png(tmp_path):
    job = tmp_path / "job.bin"
    job.write_bytes(render(SAMPLES["pickup_slip"](), 58))
    png = tmp_path / "job.png"
    result = subprocess.run([sys.executable, "-m", "printer.emulator", "--file", str(job), "--png", str(png)],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "3-2-0417" in result.stdout and "[CODE128] SF1234567890123" in result.stdout
    assert "RuntimeWarning" not in result.stderr
    from PIL import Image

    assert read_codes(Image.open(png)) == [("Code128", "SF1234567890123")]
