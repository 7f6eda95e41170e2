"""The bytes: Chinese mode, sizes, native QR and Code128, cut, drawer, raster fallback."""

import re

import pytest

from printer import escpos
from printer.document import ReceiptBuilder
from printer.emulator import decode
from printer.escpos import render, render_raster
from printer.tokenizer import tokenize
from tests.printer.samples import SAMPLES

FS_ON, FS_OFF = b"\x1c&", b"\x1c."


def outside_chinese_mode(data: bytes) -> bytes:
    """Text bytes sent while the printer is not in Chinese mode."""
    out, chinese = bytearray(), False
    for t in tokenize(data):
        if t.name == "FS &":
            chinese = True
        elif t.name == "FS .":
            chinese = False
        elif t.kind == "text" and not chinese:
            out += t.raw
    return bytes(out)


def test_chinese_in_chinese_mode_ascii_outside():
    assert escpos.encode_text("合计 ￥12.50") == (FS_ON + "合计".encode("gb18030") + FS_OFF + b" "
                                                 + FS_ON + b"\xa3\xa4" + FS_OFF + b"12.50")


def test_punctuation_survives():
    data = render(ReceiptBuilder("t", "t").line("，。：；！？").build())
    assert FS_ON + "，。：；！？".encode("gb18030") + FS_OFF in data
    assert b"????" not in data


@pytest.mark.parametrize("name", list(SAMPLES))
def test_no_high_bytes_outside_chinese_mode_and_no_four_byte_codes(name):
    data = render(SAMPLES[name](), 58)
    assert all(b < 0x80 for b in outside_chinese_mode(data))
    assert b"\x81\x30\x84\x36" not in data  # the 4-byte GB18030 ¥ that GBK printers garble
    assert "¥".encode("gb18030") not in data


def test_sizes_bold_alignment_commands():
    doc = ReceiptBuilder("t", "t").line("大", size=2, bold=True, align="center").line("小").build()
    data = render(doc)
    assert data.startswith(b"\x1b@")
    assert b"\x1ba\x01\x1bE\x01\x1d!\x11" + FS_ON in data
    assert b"\x1ba\x00\x1bE\x00\x1d!\x00" + FS_ON in data


def test_native_qr_commands():
    data = render(ReceiptBuilder("t", "t").qr("VS1:T:ABC123", size=6, ec="M").build())
    assert b"\x1d(k\x04\x00\x31\x41\x32\x00" in data  # model 2
    assert b"\x1d(k\x03\x00\x31\x43\x06" in data  # module size 6
    assert b"\x1d(k\x03\x00\x31\x45\x31" in data  # EC level M
    assert b"\x1d(k\x0f\x00\x31\x50\x30VS1:T:ABC123" in data  # store 12 + 3 bytes
    assert data.endswith(b"\x1d(k\x03\x00\x31\x51\x30")  # print


def test_native_code128_uses_set_c_bytes():
    data = render(ReceiptBuilder("t", "t").barcode("SF1234567890123").build(), 58)
    m = re.search(rb"\x1dkI(.)(.*)$", data, re.DOTALL)
    assert m is not None
    assert m.group(2) == b"{BSF1{C\x17\x2d\x43\x59\x01\x17"
    assert m.group(1)[0] == len(m.group(2))
    assert b"\x1dw\x02" in data  # module width 2 fits 58 mm (165 modules, 330 dots)


def test_cut_and_drawer():
    doc = ReceiptBuilder("t", "t").line("x").drawer().cut().build()
    assert render(doc, 80).endswith(b"\x1bp\x00\x19\xfa\x1dVB\x00")
    assert render(doc, 58).endswith(b"\x1bp\x00\x19\xfa\x1bd\x04")  # no cutter on a generic 58 mm: tear off


def test_typical_receipt_with_qr_is_small():
    for name in ("training_card", "consignment_label", "pickup_slip", "bill_paid", "sale"):
        for width in (58, 80):
            assert len(render(SAMPLES[name](), width)) <= 1536, name


def test_text_wider_than_the_paper_wraps():
    doc = ReceiptBuilder("t", "t").line("有机高山土豆新鲜现挖农家自种" * 36).pair("品名", "蜂蜜" * 40).build()
    for width, cols in ((58, 32), (80, 48)):
        out = decode(render(doc, width), width)
        assert out.warnings == []
        assert all(len(line.encode("gbk")) <= cols for line in out.text.splitlines())


def test_printer_without_qr_gets_a_picture_of_it():
    doc = ReceiptBuilder("t", "t").line("中文").qr("VS1:T:ABC123").barcode("SF1234567890123").build()
    data = render(doc, 58, "POS-5890")
    assert b"\x1d(k" not in data and b"\x1dk" not in data
    assert data.count(b"\x1dv0") >= 2
    assert FS_ON in data  # the text stays text


def test_printer_without_chinese_font_gets_the_whole_receipt_as_a_picture():
    data = render(SAMPLES["pickup_slip"](), 58, "no-chinese-58")
    assert FS_ON not in data and b"\x1dv0" in data
    assert data == render_raster(SAMPLES["pickup_slip"](), 58)
    out = decode(data, 58)
    assert out.text.startswith("[IMAGE ")
    assert out.warnings == []


def test_raster_sends_blank_paper_as_feed():
    data = render_raster(SAMPLES["training_card"](), 58)
    assert b"\x1bJ" in data
    assert len(data) < 384 // 8 * 1200  # far less than a full-width bitmap of the same height


def test_bad_builder_input_is_refused_at_once():
    b = ReceiptBuilder("t", "t")
    for call in (lambda: b.line("x", size=9), lambda: b.line("x", align="middle"),  # type: ignore[arg-type]
                 lambda: b.barcode("运单号"), lambda: b.qr(""), lambda: b.image(b"GIF89a")):
        with pytest.raises(ValueError):
            call()


def test_receipt_json_round_trip():
    for make in SAMPLES.values():
        doc = make()
        assert type(doc).from_json(doc.to_json()) == doc
    with pytest.raises(ValueError):
        type(doc).from_json("{}")


def test_status_byte_shape():
    assert escpos.is_status_byte(0x12) and escpos.is_status_byte(0x1E) and not escpos.is_status_byte(0x00)


def test_a_500_character_product_name_with_emoji_still_reads_well():
    from station_app.receipts.consignment import SaleLine, sale_receipt

    name = ("🍯农家土蜂蜜百花蜜¥" + "高山有机" * 123)[:500]
    doc = sale_receipt(station="幸福村电商服务站", receipt_no="S1", lines=[SaleLine(name, 1, 4850)], paid_fen=5000,
                       when_sold="2026-11-02 09:30", operator="李秀英")
    for width, cols in ((58, 32), (80, 48)):
        out = decode(render(doc, width), width)
        assert out.warnings == []
        lines = out.text.splitlines()
        assert all(len(line.encode("gbk")) <= cols for line in lines)
        body = "".join(line.split("  ")[0].strip() for line in lines)
        assert "?农家土蜂蜜百花蜜￥高山有机" in body and body.count("高山有机") >= 120


def test_a_damaged_picture_is_left_out():
    doc = ReceiptBuilder("t", "t").image(b"\x89PNG\r\n\x1a\nbroken").line("照常打印").build()
    assert "照常打印" in decode(render(doc, 58), 58).text
