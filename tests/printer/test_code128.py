"""Code128 with the fewest symbols, the bytes a printer wants, and bars a reader decodes."""

import itertools

import pytest
import zxingcpp
from barcode.charsets import code128 as reference
from PIL import Image

from printer import code128
from printer.picture import barcode_image
from printer.rows import BarcodeRow


def test_patterns_match_python_barcode():
    for value in range(106):
        bits = "".join(("1" if i % 2 == 0 else "0") * int(w) for i, w in enumerate(code128.WIDTHS[value]))
        assert bits == reference.CODES[value]


def test_digit_runs_use_code_set_c():
    code = code128.encode("SF1234567890123")
    assert code.segments == (("B", "SF1"), ("C", "234567890123"))
    assert code.escpos_data() == b"{BSF1{C" + bytes([23, 45, 67, 89, 1, 23])


def test_all_digits_even_and_odd():
    assert code128.encode("77301234").segments == (("C", "77301234"),)
    assert code128.encode("773012345678901").segments == (("C", "77301234567890"), ("B", "1"))


def _count_all_ways(data: str) -> int:
    """The fewest symbols over every split into B and C runs (brute force, short data only)."""
    best = 10**9
    n = len(data)
    for cuts in itertools.product((0, 1), repeat=n - 1):
        runs, start = [], 0
        for i, cut in enumerate(cuts, 1):
            if cut:
                runs.append(data[start:i])
                start = i
        runs.append(data[start:])
        for sets in itertools.product("BC", repeat=len(runs)):
            if any(s == "C" and (len(r) % 2 or not r.isdigit()) for s, r in zip(sets, runs, strict=True)):
                continue
            symbols = sum(len(r) // 2 if s == "C" else len(r) for s, r in zip(sets, runs, strict=True))
            switches = sum(1 for a, b in itertools.pairwise(sets) if a != b)
            best = min(best, 1 + symbols + switches)
    return best


@pytest.mark.parametrize("data", ["12", "123", "A1234B", "1234567", "AB123456C9", "0417-3-2", "12A34", "9"])
def test_encoding_is_optimal(data):
    values = code128.encode(data).values()
    assert len(values) - 2 == _count_all_ways(data)  # minus checksum and stop


def test_escpos_bytes_read_back():
    for data in ["SF1234567890123", "JDVA12345678901-1-1-", "{curly}", "3-2-0417", "0"]:
        code = code128.encode(data)
        assert code128.from_escpos(code.escpos_data()) == code
        assert code128.from_escpos(code.escpos_data()).text == data


def test_bad_data_is_refused():
    with pytest.raises(ValueError):
        code128.encode("运单")
    with pytest.raises(ValueError):
        code128.from_escpos(b"SF123")


@pytest.mark.parametrize("data", ["SF1234567890123", "773012345678901", "JT0001234567890", "Ab{1}9", "B20261102-0007"])
def test_drawn_bars_decode(data):
    img = barcode_image(BarcodeRow(code128.encode(data), module=2))
    framed = Image.new("L", (img.width + 40, img.height + 40), 255)
    framed.paste(img, (20, 20))
    found = zxingcpp.read_barcodes(framed, formats=zxingcpp.BarcodeFormat.Code128)
    assert [r.text for r in found] == [data]
